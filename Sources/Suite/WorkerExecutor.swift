import Foundation
import MemoryProbe
import BenchModel

/// Runs plan entries in MemoryBench's own worker (`bench-worker`, or `bench-worker-jemalloc`
/// for `jemalloc-linked`): a fresh process per run with an environment built from nothing but
/// the configuration, its RSS watched against the cap from outside, its record read from fd 3
/// and its allocator proved from inside.
public struct WorkerExecutor: RunExecutor {
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

    /// Creating a large input (millions of rows) can take longer than a run may.
    static let preparationTimeoutSeconds = 3600.0

    public var workers: WorkerSet
    public let options: Options
    /// Where each run gets a folder of its own (its HOME and TMPDIR); a suite sets it when it
    /// begins (`beginSuite`).
    public var scratchDirectory: String
    /// False only in tests of the kernel's data limit: the RSS watch samples but does not kill.
    public var watchesRss = true
    /// Profiling runs only (`--sites`, see `SiteProfiler`): where the worker dumps jemalloc's
    /// heap profile at the end of every phase.
    public var heapProfileDirectory: String?

    public init(workers: WorkerSet, options: Options, scratchDirectory: String) {
        self.workers = workers
        self.options = options
        self.scratchDirectory = scratchDirectory
    }

    public func preflight(_ configuration: AllocatorConfiguration) -> AllocatorPreflight {
        AllocatorPreflight.run(configuration, workers: workers)
    }

    public func prepare(scenario: String, size: Int) -> String? {
        let glibc = AllocatorConfiguration(name: "glibc", summary: "", expectedKind: .glibc)
        do {
            try AtomicFile.makeDirectories(options.cacheDirectory)
            var child = ChildProcess(
                executable: workers.path(for: glibc),
                arguments: WorkerRequest.prepare(scenario: scenario, size: size, cacheDirectory: options.cacheDirectory).arguments,
                environment: workers.environment(for: glibc, scratch: scratchDirectory),
                timeoutSeconds: max(options.timeoutSeconds, Self.preparationTimeoutSeconds))
            child.onTick = { _, _ in Interruption.signal == nil ? .keepRunning : .kill(reason: RunWatch.interruptedReason) }
            let outcome = try child.run()
            if outcome.killedReason == RunWatch.interruptedReason { return RunResult.interruptedReason }
            return outcome.termination == .exited(0) ? nil : "\(outcome.terminationDescription): \(outcome.stderrTail())"
        } catch {
            return "\(error)"
        }
    }

    /// The request a run sends its worker.
    public func request(for entry: RunPlan.Entry, scratch: String) -> WorkerRequest {
        var run = WorkerRequest.Run(
            scenario: entry.scenario, variant: entry.variant, size: entry.size, cacheDirectory: options.cacheDirectory,
            scratchDirectory: scratch, intervalMs: options.intervalMs, dataLimitBytes: options.dataLimitBytes,
            parameters: options.parameters[entry.scenario] ?? [:])
        run.heapProfileDirectory = heapProfileDirectory
        return .run(run)
    }

    public func run(_ entry: RunPlan.Entry, index: Int, folder: String) -> RunResult {
        let scratch = "\(scratchDirectory)/run-\(index)"
        let environment = workers.environment(for: entry.allocator, scratch: scratch)
        var result = RunResult.unrun(entry, index: index, status: .failed, reason: nil)
        result.environment = environment
        result.limits = options.memoryCapBytes.map {
            RunLimits(memoryCapBytes: $0, dataLimitBytes: options.dataLimitBytes, timeoutSeconds: options.timeoutSeconds)
        }
        do {
            try AtomicFile.makeDirectories(scratch)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let watch = RunWatch(capBytes: options.memoryCapBytes)
            watch.enforcesCap = watchesRss
            var child = ChildProcess(executable: workers.path(for: entry.allocator),
                                     arguments: request(for: entry, scratch: scratch).arguments,
                                     environment: environment, timeoutSeconds: options.timeoutSeconds)
            child.tickIntervalMs = options.watchIntervalMs
            child.onTick = { pid, elapsed in watch.tick(pid: pid, elapsed: elapsed) }
            child.onData = { stream, chunk in watch.data(stream: stream, chunk: chunk) }
            let outcome = try child.run()
            result.process = RunResult.ProcessFacts(wallSeconds: outcome.wallSeconds, maxRSSBytes: nil,
                                                    termination: outcome.terminationDescription)
            result.limits?.watchNote = watch.note
            let tail = outcome.stderrTailWithoutAnnouncements()
            result.stderrTail = tail.isEmpty ? nil : tail
            var judgement = WorkerJudgement(configuration: entry.allocator, preload: environment["LD_PRELOAD"],
                                            timeoutSeconds: options.timeoutSeconds, dataLimitBytes: options.dataLimitBytes)
            judgement.workerName = URL(fileURLWithPath: workers.path(for: entry.allocator)).lastPathComponent
            let (verdict, record) = judgement.judge(outcome, watch: watch)
            result.record = record
            result.apply(verdict)
        } catch {
            result.reason = "\(error)"
        }
        return result
    }
}
