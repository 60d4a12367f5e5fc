import Foundation
import MemoryProbe
import BenchModel
import Reporting

/// Runs a plan: prepares inputs, runs each entry in a fresh worker, verifies the allocator, and
/// appends every result to `results.jsonl` as soon as it is known.
public final class Runner {
    public struct Options: Sendable {
        public var intervalMs: Double = 1
        public var timeoutSeconds: Double = 600
        public var cacheDirectory: String
        /// Scenario parameters passed to every worker of a scenario (`--param key=value`).
        public var parameters: [String: [String: String]] = [:]
        /// The RSS cap of every run (nil: no cap); see `MemoryLimit`.
        public var memoryCapBytes: Int?
        /// The kernel's data limit (RLIMIT_DATA) behind the cap.
        public var dataLimitBytes: Int? { memoryCapBytes.map(MemoryLimit.dataLimitBytes(forCap:)) }
        /// How often the runner reads a running worker's RSS, in milliseconds.
        public var watchIntervalMs = 10
        public init(cacheDirectory: String) { self.cacheDirectory = cacheDirectory }
    }

    let workers: WorkerSet
    let options: Options
    let results: ResultsFile
    let progress: ProgressReporter
    let scratchDirectory: String
    /// Runs the entries instead of workers (`bench exec`); nil runs MemoryBench's workers.
    public var executor: RunExecutor?
    /// Runs already in results.jsonl (a resumed suite): skipped.
    public var alreadyMeasured: Set<RunKey> = []
    /// The signal that stopped the suite, when one did.
    public private(set) var interruption: Int32?
    /// False only in tests of the kernel's data limit: the RSS watch samples but does not kill.
    var watchesRss = true

    public init(workers: WorkerSet, options: Options, results: ResultsFile, scratchDirectory: String, progress: ProgressReporter) {
        self.workers = workers
        self.options = options
        self.results = results
        self.progress = progress
        self.scratchDirectory = scratchDirectory
    }

    /// Preflights every configuration of the plan, then runs it. Returns the preflights and every result.
    public func execute(_ plan: RunPlan, allocators: [AllocatorConfiguration]) throws -> (preflights: [AllocatorPreflight], results: [RunResult]) {
        var preflights: [String: AllocatorPreflight] = [:]
        let remaining = plan.entries.filter { !alreadyMeasured.contains($0.key) }
        for configuration in allocators {
            let preflight = executor?.preflight(configuration, workers: workers) ?? AllocatorPreflight.run(configuration, workers: workers)
            preflights[configuration.name] = preflight
            switch preflight.outcome {
            case .verified: progress.say("allocator \(configuration.name): \(preflight.proof ?? "verified")")
            case .skipped: progress.say("allocator \(configuration.name): skipped, \(preflight.reason ?? "")")
            case .failed: progress.say("allocator \(configuration.name): FAILED, \(preflight.reason ?? "")")
            }
        }
        try AtomicFile.makeDirectories(options.cacheDirectory)
        var failedPreparations: [String: String] = [:]
        for (scenario, size) in plan.preparations where executor == nil && remaining.contains(where: { $0.scenario == scenario && $0.size == size }) {
            if let signal = Interruption.signal { interruption = signal; break }
            progress.say("preparing \(scenario) at \(grouped(size)) (cached in \(options.cacheDirectory))")
            if let failure = prepare(scenario: scenario, size: size) { failedPreparations["\(scenario)/\(size)"] = failure }
        }

        var all: [RunResult] = []
        var reportedSkips: Set<CellKey> = []
        let suiteStart = Date()
        for (index, entry) in plan.entries.enumerated() where !alreadyMeasured.contains(entry.key) {
            if let signal = Interruption.signal ?? interruption { interruption = signal; break }
            let label = "[\(index + 1)/\(plan.entries.count)] \(entry.scenario) \(entry.variant) × \(entry.allocator.name)\(entry.size == 0 ? "" : ", " + grouped(entry.size)), run \(entry.repetition)/\(plan.runs)"
            var result: RunResult
            let preflight = preflights[entry.allocator.name]
            if let failure = failedPreparations["\(entry.scenario)/\(entry.size)"] {
                result = unrun(entry, index: index, status: .failed, reason: "preparing the input failed: \(failure)")
            } else if let preflight, preflight.outcome != .verified {
                // One skipped line per cell says it; a failed preflight fails every run of it.
                if preflight.outcome == .skipped && reportedSkips.contains(entry.cell) { continue }
                reportedSkips.insert(entry.cell)
                result = unrun(entry, index: index, status: preflight.outcome == .skipped ? .skipped : .failed,
                               reason: preflight.reason)
            } else if let executor {
                result = executor.run(entry, index: index, folder: (results.path as NSString).deletingLastPathComponent)
            } else {
                result = run(entry, index: index)
                if result.reason == RunWatch.interruptedReason, let signal = Interruption.signal {
                    interruption = signal
                    progress.say("\(label): stopped by \(Interruption.name(of: signal)); not recorded")
                    break
                }
            }
            try results.append(result)
            all.append(result)
            progress.say("\(label): \(describe(result))\(eta(start: suiteStart, done: index + 1, total: plan.entries.count))")
        }
        return (allocators.compactMap { preflights[$0.name] }, all)
    }

    /// Creating a large input (millions of rows) can take longer than a run may.
    static let preparationTimeoutSeconds = 3600.0

    func eta(start: Date, done: Int, total: Int) -> String {
        let elapsed = Date().timeIntervalSince(start)
        guard done < total, done >= 3 else { return "" }
        let remaining = elapsed / Double(done) * Double(total - done)
        return String(format: " (about %.0f s left)", remaining)
    }

    func describe(_ result: RunResult) -> String {
        switch result.status {
        case .ok:
            guard let record = result.record else { return "ok" }
            let peak = Double(record.peakBytes - record.baselineBytes)
            return "peak \(mebibytes(peak, signed: true)) over a \(mebibytes(Double(record.baselineBytes))) baseline, \(String(format: "%.2f", record.phasesWallSeconds)) s"
        case .failed: return "FAILED: \(result.reason ?? "")"
        case .oom: return result.reason ?? "OOM"
        case .timeout: return "TIMEOUT: \(result.reason ?? "")"
        case .skipped: return "skipped: \(result.reason ?? "")"
        }
    }

    func prepare(scenario: String, size: Int) -> String? {
        let glibc = AllocatorConfiguration(name: "glibc", summary: "", expectedKind: .glibc)
        do {
            var child = ChildProcess(
                executable: workers.path(for: glibc),
                arguments: ["prepare", "--scenario", scenario, "--size", "\(size)", "--cache", options.cacheDirectory],
                environment: workers.environment(for: glibc, scratch: scratchDirectory),
                timeoutSeconds: max(options.timeoutSeconds, Self.preparationTimeoutSeconds))
            child.onTick = { _, _ in Interruption.signal == nil ? .keepRunning : .kill(reason: RunWatch.interruptedReason) }
            let outcome = try child.run()
            if outcome.killedReason == RunWatch.interruptedReason { return RunWatch.interruptedReason }
            return outcome.termination == .exited(0) ? nil : "\(outcome.terminationDescription): \(outcome.stderrTail())"
        } catch {
            return "\(error)"
        }
    }

    func unrun(_ entry: RunPlan.Entry, index: Int, status: RunResult.Status, reason: String?) -> RunResult {
        RunResult(schemaVersion: RunResult.currentSchemaVersion, index: index, scenario: entry.scenario, variant: entry.variant,
                  allocator: entry.allocator.name, size: entry.size, repetition: entry.repetition, status: status,
                  reason: reason, configuration: entry.allocator, environment: [:], verified: nil, process: nil,
                  record: nil, stderrTail: nil)
    }

    /// One measured run in a fresh worker.
    public func run(_ entry: RunPlan.Entry, index: Int) -> RunResult {
        let scratch = "\(scratchDirectory)/run-\(index)"
        let environment = workers.environment(for: entry.allocator, scratch: scratch)
        var result = unrun(entry, index: index, status: .failed, reason: nil)
        result.environment = environment
        result.limits = options.memoryCapBytes.map {
            RunLimits(memoryCapBytes: $0, dataLimitBytes: options.dataLimitBytes, timeoutSeconds: options.timeoutSeconds)
        }
        do {
            try AtomicFile.makeDirectories(scratch)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let watch = RunWatch(capBytes: options.memoryCapBytes)
            watch.enforcesCap = watchesRss
            var child = ChildProcess(
                executable: workers.path(for: entry.allocator),
                arguments: ["run", "--scenario", entry.scenario, "--variant", entry.variant, "--size", "\(entry.size)",
                            "--cache", options.cacheDirectory, "--scratch", scratch,
                            "--interval-ms", "\(options.intervalMs)", "--result-fd", "3", "--announce-phases", "yes"]
                    + (options.dataLimitBytes.map { ["--data-limit", "\($0)"] } ?? [])
                    + (options.parameters[entry.scenario] ?? [:]).sorted { $0.key < $1.key }.flatMap { ["--param", "\($0.key)=\($0.value)"] },
                environment: environment, timeoutSeconds: options.timeoutSeconds)
            child.tickIntervalMs = options.watchIntervalMs
            child.onTick = { pid, elapsed in watch.tick(pid: pid, elapsed: elapsed) }
            child.onData = { stream, chunk in watch.data(stream: stream, chunk: chunk) }
            let outcome = try child.run()
            result.process = RunResult.ProcessFacts(wallSeconds: outcome.wallSeconds, maxRSSBytes: outcome.maxRSSBytes,
                                                    termination: outcome.terminationDescription)
            result.limits?.watchNote = watch.note
            guard let record = classify(outcome, watch: watch, into: &result) else { return result }
            result.record = record
            if let failure = AllocatorVerification.failure(of: entry.allocator, identity: record.allocator,
                                                           arenasSeen: record.arenasSeen) {
                result.reason = failure
                return result
            }
            result.verified = RunResult.Verified(
                kind: record.allocator.kind, version: record.allocator.version,
                proof: AllocatorVerification.proof(of: entry.allocator, identity: record.allocator, arenasSeen: record.arenasSeen))
            result.status = .ok
        } catch {
            result.reason = "\(error)"
        }
        return result
    }
}
