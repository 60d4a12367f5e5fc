#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import BenchModel
import Suite

/// Runs a foreign command (`bench exec`) for one plan entry: the configuration's environment on
/// top of the caller's, output to a log per run, RSS of the process tree sampled from outside,
/// phase markers on fd 3, the allocator proved from /proc/PID/maps, and the exact peak from
/// wait4. Builds a `RunResult` with a synthesised `WorkerRecord`, so reports treat it like a
/// built-in scenario. Whatever was measured is kept, also when the run fails.
public struct CommandExecutor: RunExecutor {
    public struct Options: Sendable {
        /// The command and its arguments; `{variant}` in any of them is replaced by the variant.
        public var command: [String]
        public var intervalMs: Double = 5
        public var timeoutSeconds: Double = 600
        /// Pass the command's stdout and stderr through instead of writing a log per run.
        public var showOutput = false
        /// The caller's environment, which the command inherits (minus allocator variables).
        public var callerEnvironment: [String: String]
        /// bench-exec-launcher, which starts the command so that wait4's peak is its own; nil
        /// (or missing) spawns the command directly, and then wait4's figure is trusted only
        /// above bench's own high-water mark (see the launcher's main.c).
        public var launcher: String?
        /// RSS cap of the command's process tree (the sum over its processes); past it the tree is
        /// killed and the run recorded as OOM. nil: no cap.
        public var memoryCapBytes: Int?
        /// The probe library (`ExecProbeLibrary`) preloaded into every process of the command to
        /// prove its allocator from inside; nil proves it from /proc/PID/maps only.
        public var probeLibrary: String?
        /// `--duration`, `--ready`, `--load`, `--measure` (nil: a batch command, measured as a tree).
        public var service: ExecService?
        /// The allocation counter (`CountingLibrary`), preloaded first for counted configurations.
        public var countingLibrary: String?

        public init(command: [String], callerEnvironment: [String: String]) {
            self.command = command
            self.callerEnvironment = callerEnvironment
        }
    }

    public static let variantPlaceholder = "{variant}"
    /// How long a command may take to end after Ctrl-C or SIGTERM was forwarded to it before it
    /// and its tree are killed (SIGKILL).
    public static let interruptGraceSeconds = 1.0
    public static let linkedSkipReason = "jemalloc-linked applies only to MemoryBench's own worker (a binary linked with -ljemalloc); a foreign command cannot be relinked, so it is skipped (jemalloc-preload measures jemalloc for it)"

    public let options: Options
    /// MemoryBench's workers: where they are built, each configuration's preflight also proves
    /// it and gives the allocator versions for the report.
    public let workers: WorkerSet

    public init(options: Options, workers: WorkerSet = WorkerSet()) {
        self.options = options
        var workers = workers
        // Counted configurations' preflight needs the counter too.
        workers.countingLibrary = workers.countingLibrary ?? options.countingLibrary
        self.workers = workers
    }

    public func preflight(_ configuration: AllocatorConfiguration) -> AllocatorPreflight {
        if configuration.worker == .jemallocLinked {
            return .unavailable(configuration, reason: Self.linkedSkipReason, contendingThreads: 0)
        }
        if fileExists(workers.path(for: configuration)) {
            return AllocatorPreflight.run(configuration, workers: workers)
        }
        if let missing = workers.missingLibrary(of: configuration) {
            return .unavailable(configuration, reason: missing, contendingThreads: 0)
        }
        let preflight = AllocatorPreflight(configuration: configuration, outcome: .verified, reason: nil, identity: nil,
                                           contendingThreads: 0, arenasUnderContention: nil, proof: "proved in every run from /proc/PID/maps")
        return preflight
    }

    /// A foreign command brings its own inputs.
    public func prepare(scenario: String, size: Int) -> String? { nil }

    /// The command for a variant.
    public func command(for variant: String) -> [String] {
        options.command.map { $0.replacingOccurrences(of: Self.variantPlaceholder, with: variant) }
    }

    public func run(_ entry: RunPlan.Entry, index: Int, folder: String) -> RunResult {
        let argv = command(for: entry.variant)
        var facts = ExecFacts(command: argv)
        var result = RunResult.unrun(entry, index: index, status: .failed, reason: nil)
        result.limits = options.memoryCapBytes.map {
            RunLimits(memoryCapBytes: $0, dataLimitBytes: nil, timeoutSeconds: options.timeoutSeconds)
        }
        func failed(_ reason: String) -> RunResult {
            result.reason = reason
            result.exec = facts
            return result
        }
        guard let name = argv.first else { return failed("no command to run (empty command)") }
        let executable: String
        switch ExecutableInspection.resolve(name, searchPath: options.callerEnvironment["PATH"]) {
        case .found(let path): executable = path
        case .unusable(let why): return failed(why)
        }
        facts.executable = executable
        // The probe's per-run folder, read after the command ended.
        var proofFolder: String?
        var probeVariables: [String: String] = [:]
        if let probe = options.probeLibrary {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-proof-\(getpid())-\(index)-\(entry.repetition)").path
            try? FileManager.default.removeItem(atPath: folder)
            if (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil {
                proofFolder = folder
                probeVariables = [ExecProbeLibrary.folderVariable: folder,
                                  "LD_PRELOAD": [entry.allocator.environment["LD_PRELOAD"], probe].compactMap { $0 }.joined(separator: " ")]
            }
        }
        defer { if let proofFolder { try? FileManager.default.removeItem(atPath: proofFolder) } }
        var countFolder: ExecCountFolder?
        if entry.allocator.isCounted {
            guard let counter = options.countingLibrary else { return failed("\(entry.allocator.name): the allocation counter is not available") }
            guard let folder = ExecCountFolder(index: index, repetition: entry.repetition) else { return failed("cannot make a folder for the allocation counts") }
            countFolder = folder
            probeVariables = ExecCountFolder.variables(folder: folder.path, counter: counter, adding: probeVariables, configuration: entry.allocator)
        }
        defer { countFolder?.remove() }
        let environment = ExecEnvironment(caller: options.callerEnvironment, configuration: entry.allocator, extra: probeVariables.merging([
            PhaseMarkers.environmentVariable: "\(PhaseMarkers.descriptor)",
            PhaseMarkers.acknowledgementVariable: "\(PhaseMarkers.acknowledgementDescriptor)",
            "MEMORYBENCH_VARIANT": entry.variant, "MEMORYBENCH_ALLOCATOR": entry.allocator.name,
            "MEMORYBENCH_RUN": "\(entry.repetition)",
        ]) { _, new in new })
        facts.environmentSet = environment.set
        facts.environmentRemoved = environment.removed
        result.environment = environment.set
        if entry.allocator.preloadLibrary != nil || entry.allocator.isCounted, ExecutableInspection.isStaticELF(executable) == true {
            return failed("\(entry.allocator.name): \(executable) is statically linked, so LD_PRELOAD cannot apply; not run under this configuration")
        }

        var log: Int32 = -1
        if !options.showOutput {
            let logs = "\(folder)/logs"
            let relative = "logs/\(index + 1)-\(Self.fileSafe(entry.variant))-\(Self.fileSafe(entry.allocator.name))-run\(entry.repetition).log"
            try? FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            log = open("\(folder)/\(relative)", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard log >= 0 else { return failed("cannot write \(folder)/\(relative): \(String(cString: strerror(errno)))") }
            facts.logPath = relative
        }
        defer { if log >= 0 { close(log) } }

        let launcher = options.launcher.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
        let observation = ExecObservation(configuration: entry.allocator, intervalSeconds: options.intervalMs / 1000,
                                          viaLauncher: launcher != nil)
        observation.measure = options.service?.measure ?? .tree
        observation.readyPhase = options.service?.readyPhase
        let controller = makeServiceController(folder: folder, logPath: facts.logPath)
        var child = ChildProcess(executable: launcher ?? executable,
                                 arguments: launcher != nil ? [executable] + argv : Array(argv.dropFirst()),
                                 environment: environment.environment, timeoutSeconds: options.timeoutSeconds)
        child.tickIntervalMs = max(1, Int(options.intervalMs.rounded()))
        // The acknowledgement pipe: the command reads it (fd 4) after each marker; bench never
        // blocks writing it (a command that does not read it gets sampled peaks).
        var acknowledgements: [Int32] = [-1, -1]
        defer { acknowledgements.filter { $0 >= 0 }.forEach { close($0) } }
        guard pipe(&acknowledgements) == 0, fcntl(acknowledgements[0], F_SETFD, FD_CLOEXEC) == 0,
              fcntl(acknowledgements[1], F_SETFD, FD_CLOEXEC) == 0, fcntl(acknowledgements[1], F_SETFL, O_NONBLOCK) == 0 else {
            return failed("pipe: \(String(cString: strerror(errno)))")
        }
        child.inheritedDescriptors = [PhaseMarkers.acknowledgementDescriptor: acknowledgements[0]]
        observation.acknowledgementDescriptor = acknowledgements[1]
        countFolder?.launcherExecutable = launcher
        observation.countFolder = countFolder
        let showOutput = options.showOutput
        child.onData = { stream, data in
            if stream == 2 {
                observation.markerData(data)
                observation.applyMarkers()
            } else if showOutput {
                (stream == 0 ? FileHandle.standardOutput : FileHandle.standardError).write(data)
            } else {
                data.withUnsafeBytes { _ = write(log, $0.baseAddress, $0.count) }
            }
        }
        // The cap applies to the RSS of the command's whole tree, watched from outside at every
        // sample (no kernel data limit: a foreign command's address space is its own business).
        let watch = RunWatch(capBytes: options.memoryCapBytes)
        observation.watch = watch
        // An interrupted suite stops the command: the signal goes to its process group and to
        // every process of its tree, and SIGKILL follows after the grace.
        child.onTick = { pid, elapsed in
            if let signal = Interruption.signal {
                observation.signalTree(of: pid, signal)
                return .stop(reason: RunWatch.interruptedReason, signal: signal, graceSeconds: Self.interruptGraceSeconds)
            }
            let action = observation.tick(pid: pid, elapsed: elapsed)
            if case .keepRunning = action, let stop = controller?.tick(pid: pid, elapsed: elapsed, observation: observation) { return stop }
            return action
        }
        child.onEscalation = { pid in
            observation.escalated = true
            observation.signalTree(of: pid, SIGKILL)
        }
        let oomKillsBefore = OOMKillCounter.read()
        // Spawned directly, the child's ru_maxrss is at least bench's own high-water mark.
        let spawnFloor = readWholeFile("/proc/self/status").flatMap(ProcStatus.parse)?.hwmBytes ?? 0
        let outcome: ChildProcess.Outcome
        do {
            outcome = try child.run()
        } catch {
            return failed("\(error)")
        }
        let tail = outcome.stderrTail()
        result.stderrTail = tail.isEmpty ? nil : tail
        var exactPeak: Int?
        if launcher != nil {
            exactPeak = observation.markers.launcherReport?.maxRSSBytes
        } else if outcome.maxRSSBytes > spawnFloor {
            exactPeak = outcome.maxRSSBytes
        } else {
            facts.note = "wait4's ru_maxrss (\(mebibytes(Double(outcome.maxRSSBytes)))) is bench's own high-water mark, inherited through posix_spawn, not the command's: its last phase's peak is the last VmHWM read"
        }
        observation.checkAcknowledgement()
        if let proofFolder {
            let root = observation.markers.launcherReport?.pid ?? (observation.pid != 0 ? observation.pid : nil)
            observation.proof.observeInside(ProbeReport.readAll(in: proofFolder), root: root, launcher: launcher)
        }
        let counted = observation.countFolder?.read()
        observation.finish(seconds: outcome.wallSeconds, maxRSSBytes: exactPeak, allocationTotals: counted?.treeTotal)
        result.process = RunResult.ProcessFacts(wallSeconds: outcome.wallSeconds,
                                                maxRSSBytes: exactPeak ?? observation.recorder.phases.map(\.peakBytes).max() ?? 0,
                                                termination: outcome.terminationDescription)
        observation.fill(&facts)
        if let counted { ExecCountFolder.describe(counted, into: &facts) }
        result.record = observation.record(entry: entry, intervalMs: options.intervalMs)

        var reasons: [String] = []
        var failureStatus: RunResult.Status = .failed
        switch outcome.termination {
        case .exited(let code): facts.exitCode = code
        case .signaled(let signal): facts.signal = signal
        }
        let service = controller?.verdict(outcome, escalated: observation.escalated)
        if let controller { facts.service = controller.finishedFacts(observation) }
        if let failure = service?.failure { reasons.append(failure) }
        let ending = service?.handled == true && outcome.killedReason != RunWatch.interruptedReason ? .exitedCleanly : ProcessEnding.classify(
            outcome, subject: "the command", watch: watch, timeoutSeconds: options.timeoutSeconds, dataLimitBytes: nil,
            detail: tail.split(separator: "\n").last.map(String.init), announcesPhases: false,
            killEvidence: { _ in
                let oomKillsAfter = OOMKillCounter.read()
                if let before = oomKillsBefore, let after = oomKillsAfter, after > before {
                    return .oomKiller("SIGKILL; its cgroup's oom_kill count rose from \(before) to \(after)")
                }
                if let (file, kills) = observation.oomKillsInCommandCgroups() {
                    return .oomKiller("SIGKILL; \(kills) OOM kill(s) counted in \(file) during the run")
                }
                return .unknown(hint: oomKillsBefore != nil && oomKillsAfter != nil
                    ? "not by bench, and not counted as an OOM kill in its cgroup"
                    : "not by bench; the kernel's OOM killer sends SIGKILL too, and its cgroup's count could not be read")
            })
        switch ending {
        case .interrupted:
            return failed(RunResult.interruptedReason)
        case .ended(let status, let reason, let fault):
            failureStatus = status
            result.fault = fault
            reasons.append(reason)
        case .exitedCleanly:
            break
        }
        if let killed = outcome.killedReason { facts.note = [facts.note, killed].compactMap { $0 }.joined(separator: "; ") }
        if result.record == nil, reasons.isEmpty {
            reasons.append("the command ended \(String(format: "%.0f", outcome.wallSeconds * 1000)) ms after it started, before its first sample: too short to measure from outside" + (exactPeak.map { " (wait4 peak \(mebibytes(Double($0))))" } ?? ""))
        }
        if let counted, !counted.contains(where: { $0.pid == observation.pid }), observation.pid != 0 {
            reasons.append("\(entry.allocator.name): the command's process wrote no allocation counts (a static or setuid binary ignores the preloaded counter)")
        }
        if let failure = observation.proof.failure(ranSeconds: outcome.wallSeconds, executable: executable) {
            if reasons.isEmpty || observation.proof.reads > 0 || observation.proof.inside != nil { reasons.append(failure) }
        } else {
            result.verified = RunResult.Verified(kind: observation.proof.identity.kind, version: observation.proof.identity.version,
                                                 proof: observation.proof.proof)
        }
        guard reasons.isEmpty else {
            var failure = failed(reasons.joined(separator: "; "))
            failure.status = failureStatus
            return failure
        }
        result.status = .ok
        result.exec = facts
        return result
    }

    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }
}

/// The state of one exec run as ChildProcess reports the child: marker data as it arrives,
/// and a tick about every sampling interval with the pid.
final class ExecObservation {
    var recorder = ExternalPhaseRecorder()
    var proof: ExecAllocatorProof
    var markers = PhaseMarkers()
    var pendingMarkers: [String] = []
    /// Counted runs: where the tree's processes keep their counts.
    var countFolder: ExecCountFolder?
    var sampler: ProcessTreeSampler?
    let intervalSeconds: Double
    var lastSampleSeconds = -Double.infinity
    var samples = 0
    var treePeakBytes: Int?
    var processPeaks: [pid_t: (name: String, bytes: Int)] = [:]
    /// The measured process: the command (the launcher's child, when it starts the command).
    var pid: pid_t = 0
    let viaLauncher: Bool
    var spawned: ProcessTreeSampler?
    var exitedAt: Double?
    var markersAfterExit = 0
    /// The OOM-kill counters of the cgroups the command was seen in, with their first count
    /// (a command may move itself into a memory-limited cgroup, e.g. with systemd-run).
    var oomCounters: [String: Int] = [:]
    /// Holds the cap and the last RSS of the tree, for the classifier.
    var watch: RunWatch?
    /// bench's end of the acknowledgement pipe (non-blocking).
    var acknowledgementDescriptor: Int32 = -1
    /// Markers whose acknowledgement was still unread at the next marker or at the end: the
    /// command went on without waiting, so the phase boundaries are where bench happened to
    /// read the marker, and the peaks are sampled rather than exact.
    var unacknowledgedMarkers = 0
    var acknowledgementsWritten = 0
    /// ChildProcess's clock (its start) on monotonicSeconds(), known from the first tick.
    var clockStart: Double?
    /// How long descendants may keep the output open after the command itself exited.
    static let lingerSeconds = 2.0
    /// What stands for the command (`--measure`), the `--ready-phase` marker and when it came,
    /// and the measured window's peaks both ways (see ExecObservation+Measure).
    var measure: ExecService.Measure = .tree
    var readyPhase: String?
    var readyMarkerSeconds: Double?
    var windowOpen = false
    var windowTreePeakBytes: Int?
    var windowLargestPeakBytes: Int?
    var escalated = false

    init(configuration: AllocatorConfiguration, intervalSeconds: Double, viaLauncher: Bool) {
        proof = ExecAllocatorProof(configuration: configuration)
        self.intervalSeconds = intervalSeconds
        self.viaLauncher = viaLauncher
    }

    func markerData(_ data: Data) {
        pendingMarkers += markers.feed(data)
    }

    /// Applies the markers received, each at once: the previous acknowledgement checked, the
    /// root's status read, every tree process's peak reset, then the acknowledgement written,
    /// so a command that waits for it starts the phase only after the reset. Before the first
    /// tick (the command not found yet) they wait for it; so does the command.
    func applyMarkers() {
        guard let sampler, let clockStart else { return }
        let elapsed = monotonicSeconds() - clockStart
        for name in pendingMarkers {
            checkAcknowledgement()
            guard beginPhase(name, sampler: sampler, elapsed: elapsed) else { markersAfterExit += 1; continue }
            if name == readyPhase, readyMarkerSeconds == nil { readyMarkerSeconds = elapsed }
            acknowledge()
            if let libraries = sampler.mappedAllocatorLibraries() { proof.observe(libraries, at: elapsed) }
        }
        pendingMarkers.removeAll()
    }

    func acknowledge() {
        guard acknowledgementDescriptor >= 0 else { return }
        let line = PhaseMarkers.acknowledgementLine
        let written = line.withCString { write(acknowledgementDescriptor, $0, strlen($0)) }
        if written > 0 { acknowledgementsWritten += 1 }
    }

    /// Counts an acknowledgement still unread (at the next marker, or once the command ended).
    func checkAcknowledgement() {
        guard acknowledgementDescriptor >= 0, acknowledgementsWritten > 0 else { return }
        var unread: Int32 = 0
        if ioctl(acknowledgementDescriptor, UInt(FIONREAD), &unread) == 0, unread > 0 { unacknowledgedMarkers += 1 }
    }

    func tick(pid spawnedPid: pid_t, elapsed: Double) -> ChildProcess.TickAction {
        let spawned = self.spawned ?? ProcessTreeSampler(root: spawnedPid)
        self.spawned = spawned
        // The command exited (a zombie until reaped) but a descendant keeps its output open.
        if spawned.rootState() == "Z" {
            exitedAt = exitedAt ?? elapsed
            if let exitedAt, elapsed - exitedAt > Self.lingerSeconds {
                return .stop(reason: "descendants kept the output open \(Int(Self.lingerSeconds)) s after the command exited; they were killed", signal: SIGKILL, graceSeconds: 0)
            }
        }
        if sampler == nil {
            // Through the launcher, the command is its child, once it has forked.
            let measured = viaLauncher ? ProcessTreeSampler.children(of: spawnedPid).first : spawnedPid
            guard let measured else { return .keepRunning }
            sampler = measured == spawnedPid ? spawned : ProcessTreeSampler(root: measured)
            pid = measured
            if viaLauncher { countFolder?.launcherPid = spawnedPid }
        }
        guard let sampler else { return .keepRunning }
        clockStart = clockStart ?? monotonicSeconds() - elapsed
        applyMarkers()
        if elapsed - lastSampleSeconds >= intervalSeconds * 0.9 {
            lastSampleSeconds = elapsed
            let tree = sampler.readTree()
            if let measured = measuredStatus(tree) {
                samples += 1
                for file in OOMKillCounter.files(pid: "\(pid)") where oomCounters[file] == nil {
                    oomCounters[file] = OOMKillCounter.count(file)
                }
                recorder.sample(ExternalPhaseRecorder.Reading(seconds: elapsed, status: measured, cpuSeconds: tree.rootCPUSeconds))
            }
            if !tree.processes.isEmpty {
                treePeakBytes = max(treePeakBytes ?? 0, tree.totalRSSBytes)
                if let watch {
                    watch.record(rssBytes: tree.totalRSSBytes, dataBytes: nil, elapsed: elapsed)
                    if let cap = watch.capBytes, tree.totalRSSBytes > cap {
                        return .stop(reason: RunWatch.capReason, signal: SIGKILL, graceSeconds: 0)
                    }
                }
            }
            for process in tree.processes {
                let peak = max(process.status.hwmBytes, process.status.rssBytes)
                if peak > processPeaks[process.pid]?.bytes ?? -1 { processPeaks[process.pid] = (process.name, peak) }
            }
        }
        if proof.wantsRead(at: elapsed), let libraries = sampler.mappedAllocatorLibraries() {
            proof.observe(libraries, at: elapsed)
        }
        if proof.wantsThreadNames(at: elapsed) { proof.observeThreadNames(sampler.rootThreadNames(), at: elapsed) }
        return .keepRunning
    }

    /// Sends `signal` to every process below `spawnedPid` (the launcher or the command) and to
    /// the process groups they lead or joined, for those that left the spawned one's group.
    func signalTree(of spawnedPid: pid_t, _ signal: Int32) {
        let group = getpgid(spawnedPid)
        var groups: Set<pid_t> = []
        for pid in ProcessTreeSampler.descendants(of: spawnedPid) {
            let theirs = getpgid(pid)
            // Those still in the spawned group get the group's signal (once is enough).
            guard theirs != group else { continue }
            kill(pid, signal)
            if theirs > 0, theirs != getpgrp() { groups.insert(theirs) }
        }
        for other in groups { kill(-other, signal) }
    }

    /// A cgroup the command was seen in whose OOM-kill count rose during the run.
    func oomKillsInCommandCgroups() -> (file: String, kills: Int)? {
        for (file, first) in oomCounters.sorted(by: { $0.key < $1.key }) {
            if let now = OOMKillCounter.count(file), now > first { return (file, now - first) }
        }
        return nil
    }

    /// `maxRSSBytes`: the command's exact ru_maxrss, when known.
    func finish(seconds: Double, maxRSSBytes: Int?, allocationTotals: AllocationCounts? = nil) {
        recorder.finish(seconds: seconds, maxRSSBytes: maxRSSBytes, allocationTotals: allocationTotals)
        // wait4's figure is the command's exact peak (since the last marker's reset), but it also
        // covers the descendants the command waited for: it is the root's own only without any.
        if pid != 0, let maxRSSBytes, processPeaks.keys.allSatisfy({ $0 == pid }) {
            processPeaks[pid] = (processPeaks[pid]?.name ?? "?", max(processPeaks[pid]?.bytes ?? 0, maxRSSBytes))
        }
    }

    func fill(_ facts: inout ExecFacts) {
        facts.samples = samples
        facts.treePeakBytes = treePeakBytes
        if let largest = processPeaks.max(by: { $0.value.bytes < $1.value.bytes }) {
            facts.largestProcessPeakBytes = largest.value.bytes
            facts.largestProcess = "\(largest.key) (\(largest.value.name))"
        }
        facts.processesSeen = processPeaks.count
        facts.markers = recorder.markers
        facts.ignoredMarkerLines = markers.ignoredLines + markersAfterExit
        facts.allocatorProof = proof.reads > 0 || proof.inside?.root != nil ? proof.proof : "not proved: /proc/PID/maps was never read"
        facts.mapsReads = proof.reads
    }

    /// The record reports read, or nil when no sample was taken.
    func record(entry: RunPlan.Entry, intervalMs: Double) -> WorkerRecord? {
        guard let baseline = recorder.baseline else { return nil }
        let series = recorder.series
        let effective = series.count > 1 ? (series[series.count - 1].seconds - series[0].seconds) / Double(series.count - 1) * 1000 : intervalMs
        return WorkerRecord(
            schemaVersion: WorkerRecord.currentSchemaVersion, scenario: entry.scenario, variant: entry.variant,
            size: entry.size, pid: pid, allocator: proof.identity,
            peakMethod: recorder.resetFailure == nil && unacknowledgedMarkers == 0 && recorder.sampledPhases == 0 ? .clearRefs : .sampled,
            peakMethodNote: recorder.sampledPhases > 0 ? "in \(recorder.sampledPhases) phase(s) the command ran as several processes: the figure there is \(measure == .tree ? "the sum of RSS over its tree" : "its largest process's RSS") (--measure \(measure.rawValue)), its peak sampled every \(intervalMs) ms" : recorder.resetFailure.map { "peaks after the first marker are sampled every \(intervalMs) ms: \($0)" }
                ?? (unacknowledgedMarkers == 0 ? nil : "the command did not wait for the acknowledgement of \(unacknowledgedMarkers) of its \(recorder.markers) phase marker(s) (see $\(PhaseMarkers.acknowledgementVariable)), so its phases begin where bench read the marker, not where the command wrote it"),
            baseline: PhaseSnapshot(status: baseline, allocatorStats: nil), phases: recorder.phases,
            series: RssSeries(requestedIntervalMs: intervalMs, effectiveIntervalMs: effective, samples: series, maxPoints: 2_000),
            checks: [:])
    }
}

/// The kernel's count of OOM kills in a process's memory cgroup, to tell an OOM kill from any
/// other SIGKILL: `oom_kill` in memory.events (cgroup v2) or memory.oom_control (v1).
enum OOMKillCounter {
    /// The files that count OOM kills for `pid`'s cgroups ("self" for bench), that exist.
    static func files(pid: String = "self") -> [String] {
        guard let cgroup = readWholeFile("/proc/\(pid)/cgroup") else { return [] }
        var candidates: [String] = []
        for line in cgroup.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = parts[2] == "/" ? "" : String(parts[2])
            if parts[0] == "0" {
                candidates += ["/sys/fs/cgroup\(path)/memory.events", "/sys/fs/cgroup/unified\(path)/memory.events"]
            } else if parts[1].split(separator: ",").contains("memory") {
                candidates.append("/sys/fs/cgroup/memory\(path)/memory.oom_control")
            }
        }
        return candidates.filter { count($0) != nil }
    }

    static func count(_ file: String) -> Int? {
        guard let text = readWholeFile(file),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("oom_kill ") }) else { return nil }
        return Int(line.split(separator: " ")[1])
    }

    /// OOM kills counted for bench's own cgroup, which a command inherits.
    static func read() -> Int? { files().first.flatMap(count) }
}
