import Foundation
import MemoryProbe
import BenchModel
import Suite

/// `bench doctor`: whether this machine can run the suite, and what may add noise. Every check
/// that involves the worker is tried for real in a child worker.
public struct Doctor {
    public enum Verdict: String, Codable, Sendable {
        case ok, note, warn, fail = "FAIL"
    }

    public struct Check: Codable, Sendable {
        public var name: String
        public var verdict: Verdict
        public var detail: String
        /// The command that fixes a failure, when there is one.
        public var fix: String?
    }

    public var workers: WorkerSet
    public var configurations: [AllocatorConfiguration]
    /// Configurations the default suite needs: missing ones fail the doctor, others only warn.
    public var required: Set<String>
    public var scratchDirectory: String

    public init(workers: WorkerSet, configurations: [AllocatorConfiguration], required: Set<String> = Set(AllocatorConfiguration.defaultNames),
                scratchDirectory: String) {
        self.workers = workers
        self.configurations = configurations
        self.required = required
        self.scratchDirectory = scratchDirectory
    }

    public func run() -> [Check] {
        var checks: [Check] = []
        checks += workerBinaries()
        checks.append(procFiles())
        let preflights = configurations.map { AllocatorPreflight.run($0, workers: workers) }
        if let glibc = configurations.first(where: { $0.name == "glibc" }), preflights.first(where: { $0.configuration.name == "glibc" })?.outcome == .verified {
            checks.append(peakReset(glibc))
        }
        checks += preflights.map(allocator)
        checks += versions(preflights)
        checks += system()
        return checks
    }

    func workerBinaries() -> [Check] {
        AllocatorConfiguration.WorkerBinary.allCases.map { binary in
            let path = "\(workers.directory)/\(binary.rawValue)"
            if fileExists(path) { return Check(name: "worker \(binary.rawValue)", verdict: .ok, detail: path) }
            let fix = binary == .jemallocLinked ? "apt-get install -y libjemalloc-dev && swift build -c release" : "swift build -c release"
            return Check(name: "worker \(binary.rawValue)", verdict: .fail, detail: "\(path) not found", fix: fix)
        }
    }

    func procFiles() -> Check {
        let name = "/proc/self/status, statm"
        guard let status = ProcFile(path: "/proc/self/status"), let text = status.readText(), let parsed = ProcStatus.parse(text) else {
            return Check(name: name, verdict: .fail, detail: "/proc/self/status is not readable or lacks VmRSS/VmHWM (is /proc mounted?)")
        }
        guard let statm = ProcFile(path: "/proc/self/statm", capacity: 256), let pages = statm.readStatmResidentPages() else {
            return Check(name: name, verdict: .fail, detail: "/proc/self/statm is not readable (the sampler needs it)")
        }
        let fields = [parsed.rssAnonBytes, parsed.rssFileBytes, parsed.swapBytes].contains(nil) ? " (RssAnon/RssFile/VmSwap missing: old kernel)" : ""
        return Check(name: name, verdict: fields.isEmpty ? .ok : .warn,
                     detail: "readable: VmRSS \(mebibytes(Double(parsed.rssBytes))), statm \(pages) pages\(fields)")
    }

    /// A worker allocates 32 MiB inside a phase and frees it: the phase peak must show it and the
    /// next phase's peak must not (which only a working `clear_refs` reset gives).
    func peakReset(_ glibc: AllocatorConfiguration) -> Check {
        let name = "peak reset (clear_refs)"
        let worker = CalibrationWorker(workers: workers, scratchDirectory: scratchDirectory, cacheDirectory: scratchDirectory)
        do {
            let run = try worker.run("spike", variant: "spike", size: 32, configuration: glibc)
            guard run.record.peakMethod == .clearRefs else {
                return Check(name: name, verdict: .warn, detail: "the kernel refused the reset (\(run.record.peakMethodNote ?? "")); phase peaks will be sampled, and miss short spikes")
            }
            let spike = try Calibrator.spike(from: run.record, allocator: "glibc", intervalMs: 1)
            let caught = abs(spike.peakErrorPercent) <= 2
            let reset = spike.afterPhasePeakDeltaBytes < spike.spikeBytes / 2
            let detail = "a worker's 32 MiB spike showed as \(mebibytes(Double(spike.peakDeltaBytes), signed: true)) in its phase and \(mebibytes(Double(spike.afterPhasePeakDeltaBytes), signed: true)) in the next"
            return Check(name: name, verdict: caught && reset ? .ok : .fail,
                         detail: caught && reset ? "works: \(detail)" : "does not work as expected: \(detail)")
        } catch {
            return Check(name: name, verdict: .fail, detail: "a worker could not run: \(error)")
        }
    }

    func allocator(_ preflight: AllocatorPreflight) -> Check {
        let configuration = preflight.configuration
        let name = "allocator \(configuration.name)"
        let isRequired = required.contains(configuration.name)
        switch preflight.outcome {
        case .verified:
            return Check(name: name, verdict: .ok, detail: "verified in a worker: \(preflight.proof ?? "")")
        case .skipped:
            return Check(name: name, verdict: isRequired ? .fail : .note,
                         detail: "\(isRequired ? "missing" : "not installed (opt-in)"): \(preflight.reason ?? "")",
                         fix: configuration.installCommand)
        case .failed:
            return Check(name: name, verdict: isRequired || configuration.package == nil ? .fail : .warn,
                         detail: preflight.reason ?? "the worker did not prove it", fix: configuration.installCommand)
        }
    }

    func versions(_ preflights: [AllocatorPreflight]) -> [Check] {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let glibc = preflights.first { $0.identity?.kind == .glibc }?.identity?.version
        let jemalloc = preflights.first { $0.identity?.kind == .jemalloc }?.identity?.version
        return [
            Check(name: "kernel", verdict: .ok, detail: release),
            Check(name: "Swift", verdict: .ok, detail: "\(MachineFacts.swiftVersion()) (the compiler that built bench)"),
            Check(name: "glibc", verdict: glibc == nil ? .warn : .ok, detail: glibc ?? "unknown (no glibc worker verified)"),
            Check(name: "jemalloc", verdict: jemalloc == nil ? .warn : .ok, detail: jemalloc ?? "not found in any worker",
                  fix: jemalloc == nil ? "apt-get install -y libjemalloc2 libjemalloc-dev" : nil),
        ]
    }

    func system() -> [Check] {
        var checks: [Check] = []
        let thp = MachineFacts.selected(MachineFacts.readTrimmed("/sys/kernel/mm/transparent_hugepage/enabled"))
        checks.append(Check(name: "transparent huge pages", verdict: thp == "always" ? .warn : .ok,
                            detail: thp.map { $0 == "always" ? "always: large allocations may be backed by 2 MiB pages, RSS moves in 2 MiB steps" : $0 } ?? "unknown"))
        let overcommit = MachineFacts.readTrimmed("/proc/sys/vm/overcommit_memory")
        let overcommitText = ["0": "0 (heuristic)", "1": "1 (always)", "2": "2 (strict: large scenarios may fail to allocate)"][overcommit ?? ""] ?? "unknown"
        checks.append(Check(name: "overcommit", verdict: overcommit == "2" ? .warn : .ok, detail: overcommitText))
        let meminfo = MemInfo()
        if let total = meminfo.bytes("SwapTotal"), let free = meminfo.bytes("SwapFree") {
            let used = total - free
            checks.append(Check(name: "swap", verdict: used > 0 ? .warn : .ok,
                                detail: total == 0 ? "none" : "\(mebibytes(Double(total))) total, \(mebibytes(Double(used))) used\(used > 0 ? ": swapped pages leave RSS (VmSwap is recorded per phase)" : "")"))
        }
        if let memory = meminfo.bytes("MemAvailable") {
            checks.append(Check(name: "memory available", verdict: memory < 4 << 30 ? .warn : .ok,
                                detail: "\(mebibytes(Double(memory)))\(memory < 4 << 30 ? ": the 1 GiB calibration and large scenarios need a few GiB" : "")"))
        }
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        checks.append(Check(name: "cores", verdict: cores < 2 ? .warn : .ok,
                            detail: "\(cores)\(cores < 2 ? ": the sampler thread shares the only core with the workload" : "")"))
        let governor = MachineFacts.readTrimmed("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")
        checks.append(Check(name: "CPU frequency scaling", verdict: governor == nil || governor == "performance" ? .ok : .note,
                            detail: governor.map { $0 == "performance" ? "governor performance" : "governor \($0): clock speed varies, timings are noisier (memory figures are not affected)" }
                                ?? "not exposed here (a virtual machine?): timings may vary with the host"))
        if let load = MachineFacts.readTrimmed("/proc/loadavg")?.split(separator: " ").first.flatMap({ Double($0) }) {
            let busy = load > Double(cores) * 0.5
            var detail = String(format: "%.2f over the last minute on %d cores", load, cores)
            if busy {
                detail += ": other processes are busy, timings and the sampler's schedule will be noisy"
                let top = Self.busyProcesses().filter { $0.percent >= 5 }
                if !top.isEmpty { detail += " (busiest now: " + top.map { String(format: "%@ %.0f %%", $0.name, $0.percent) }.joined(separator: ", ") + ")" }
            }
            checks.append(Check(name: "load average", verdict: busy ? .warn : .ok, detail: detail))
        }
        return checks
    }

    /// Exit status of `bench doctor`: 1 when anything the suite needs is missing.
    public static func failed(_ checks: [Check]) -> Bool { checks.contains { $0.verdict == .fail } }
}

extension AllocatorConfiguration.WorkerBinary: CaseIterable {
    public static let allCases: [AllocatorConfiguration.WorkerBinary] = [.standard, .jemallocLinked]
}
