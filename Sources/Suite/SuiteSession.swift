import Foundation
import MemoryProbe
import BenchModel
import Reporting

/// One suite from plan to report: a fresh `Reports/<run-id>/`, every run appended to its
/// `results.jsonl` as it ends, then `report.json` and `report.md`, and `Reports/latest`.
public struct SuiteSession {
    public var selections: [RunPlan.Selection]
    public var allocators: [AllocatorConfiguration]
    public var runs: Int
    public var runnerOptions: WorkerExecutor.Options
    public var reportsDirectory: URL
    public var commandLine: String
    public var buildConfiguration: String
    public var workers: WorkerSet
    public var progress: ProgressReporter
    /// What runs each entry: nil runs MemoryBench's workers (a `WorkerExecutor` built from
    /// `runnerOptions`); `bench exec` sets its `CommandExecutor`.
    public var executor: RunExecutor?
    /// Adaptive repetitions: while a comparison is undecided and more runs would decide it, its
    /// cells run again, one more repetition per round, up to `adaptive.maxRuns` per cell, as long
    /// as the suite stays within `adaptive.budgetSeconds`.
    public var adaptive = AdaptiveRuns(maxRuns: 0, budgetSeconds: 0)
    /// The scenarios the runs are of, as the worker described them (empty for `bench exec`).
    public var scenarios: [ScenarioDescription] = []
    /// A `bench exec` suite's command, recorded in suite.json for `bench exec --resume`.
    public var execSuite: SuiteFile.ExecSuite? = nil
    /// Continue the suite in this run folder (planned from its suite.json) instead of a new one.
    public var resumeDirectory: URL? = nil
    /// `--sites`: one profiling run per cell after the measured ones (see `SiteProfiler`).
    public var siteProfiling: SiteProfiling? = nil
    /// The testbed's name in the report (`--testbed`); nil names it after the host.
    public var testbedName: String? = nil

    public init(selections: [RunPlan.Selection], allocators: [AllocatorConfiguration], runs: Int, runnerOptions: WorkerExecutor.Options,
                reportsDirectory: URL, commandLine: String, buildConfiguration: String, workers: WorkerSet, progress: ProgressReporter) {
        self.selections = selections
        self.allocators = allocators
        self.runs = runs
        self.runnerOptions = runnerOptions
        self.reportsDirectory = reportsDirectory
        self.commandLine = commandLine
        self.buildConfiguration = buildConfiguration
        self.workers = workers
        self.progress = progress
    }

    public struct Outcome {
        public var directory: URL
        public var report: Report
        /// Runs that failed or timed out (an OOM at the cap is a result, not counted here).
        public var failedRuns: Int
        /// The signal (SIGINT, SIGTERM) that stopped the suite before it finished.
        public var interruptedBy: Int32? = nil
        /// Every run the report holds, earlier parts of a resumed suite included.
        public var totalRuns: Int = 0
    }

    public func run() throws -> Outcome {
        let plan = RunPlan(selections: selections, allocators: allocators, runs: runs)
        let (runId, directory) = try resumeDirectory.map { ($0.lastPathComponent, $0) } ?? makeRunDirectory()
        var resumed = Resumed()
        if let resumeDirectory {
            resumed = try loadForResume(plan, directory: resumeDirectory)
            resumed.warnings += workerChanges(since: try? RecordedMachineFacts.load(from: resumeDirectory)?.environment.workers)
            for warning in resumed.warnings { FileHandle.standardError.write(Data("bench: warning: \(warning)\n".utf8)) }
            progress.say("resuming \(directory.path): \(resumed.results.count) of \(plan.entries.count) runs already measured")
        } else {
            var file = SuiteFile(commandLine: commandLine, selections: selections, allocators: allocators, runs: runs,
                                 options: runnerOptions, adaptive: adaptive, exec: execSuite)
            file.worker = workers.worker
            file.jemallocWorker = workers.jemallocWorker
            try file.write(to: directory)
        }
        progress.say("MemoryBench: \(plan.entries.count) runs (\(selections.count) scenario(s), \(allocators.count) allocator configuration(s), \(runs) run(s) each), writing \(directory.path)")
        // Recorded now, so `bench report` can re-render this folder even if the suite stops half-way.
        var started = MachineFacts.collect(commandLine: commandLine, buildConfiguration: buildConfiguration, allocators: [])
        // Which binaries the runs come from (a package's own worker is named by path and digest).
        started.workers = executor == nil ? workers.binaries(for: allocators, digestBuiltIn: buildConfiguration == "release") : nil
        started.testbed = Testbed.collect(name: testbedName, facts: started, runId: runId, commit: GitCommit.current())
        try RecordedMachineFacts(runId: runId, plannedRuns: plan.entries.count, runsPerCell: runs,
                                allocatorOrder: allocators.map(\.name), environment: started,
                                scenarios: scenarios.isEmpty ? nil : scenarios).write(to: directory)
        if let cap = runnerOptions.memoryCapBytes {
            let backstop = executor == nil ? " (kernel data limit \(MemoryLimit.format(runnerOptions.dataLimitBytes ?? 0)))" : " of the command's process tree"
            progress.say("memory cap per run: \(MemoryLimit.format(cap)) of RSS\(backstop), timeout \(Int(runnerOptions.timeoutSeconds)) s per run")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-\(runId)-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let start = Date()
        var workers = workers
        if executor == nil, allocators.contains(where: \.isCounted) {
            switch CountingLibrary.prepare(cacheDirectory: runnerOptions.cacheDirectory, environment: ProcessInfo.processInfo.environment) {
            case .success(let library): workers.countingLibrary = library
            case .failure(let unavailable): workers.countingLibraryFailure = unavailable.reason
            }
        }
        let runner = Runner(executor: executor ?? WorkerExecutor(workers: workers, options: runnerOptions, scratchDirectory: scratch.path),
                            results: ResultsFile(path: directory.appendingPathComponent("results.jsonl").path), progress: progress)
        runner.alreadyMeasured = Set(resumed.results.map(\.key))
        let measured = try runner.measure(plan, allocators: allocators)
        let preflights = measured.preflights
        var results = resumed.results + measured.results
        let calibration = CalibrationFigures.load(fromDirectory: runnerOptions.cacheDirectory)
        if runner.interruption == nil {
            try adaptive.run(plan: plan, runner: runner, allocators: allocators, results: &results, progress: progress,
                                         elapsedBefore: resumed.elapsedSeconds, start: start) { results in
                ReportBuilder.build(runId: runId, results: results, plannedRuns: results.count, elapsedSeconds: nil,
                                    environment: .unknown, allocatorOrder: allocators.map(\.name), scenarios: scenarios,
                                    calibration: calibration)
            }
        }
        // Adaptive repetitions (this part of the suite's or an earlier one's) count as planned.
        let extraRuns = results.filter { $0.repetition > runs }.count
        let elapsed = Date().timeIntervalSince(start) + resumed.elapsedSeconds
        var environment = MachineFacts.collect(commandLine: commandLine, buildConfiguration: buildConfiguration,
                                                     allocators: preflights)
        environment.startedAt = started.startedAt
        environment.workers = started.workers
        // Taken when the suite started (digesting the libraries again would delay an interrupted suite's exit).
        environment.testbed = started.testbed?.withVersions(of: preflights)
        try RecordedMachineFacts(runId: runId, plannedRuns: plan.entries.count, runsPerCell: runs,
                                allocatorOrder: allocators.map(\.name), environment: environment,
                                scenarios: scenarios.isEmpty ? nil : scenarios).write(to: directory)
        // Skipped cells are recorded once, not once per repetition: count them as planned runs done.
        let skippedExtra = results.filter { $0.status == .skipped }.count * (runs - 1)
        // The calibration saved in the cache folder (by `bench doctor --calibrate`), copied into
        // the run folder so that re-rendering it later finds the figures the suite ran with.
        try calibration?.save(toDirectory: directory.path)
        var report = ReportBuilder.build(runId: runId, results: results, plannedRuns: plan.entries.count - skippedExtra + extraRuns,
                                         elapsedSeconds: elapsed, environment: environment,
                                         allocatorOrder: allocators.map(\.name), scenarios: scenarios, calibration: calibration)
        report.sites = try profileSites(plan, results: results, directory: directory, scratch: scratch.path, interrupted: runner.interruption != nil)
        try ReportWriter.write(report, to: directory, charts: ReportCharts.make(report: report, results: results))
        try ReportWriter.pointLatest(in: reportsDirectory, to: runId)
        progress.say(String(format: runner.interruption == nil ? "done in %.1f s" : "stopped after %.1f s", elapsed))
        return Outcome(directory: directory, report: report,
                       failedRuns: results.filter { $0.status == .failed || $0.status == .timeout }.count,
                       interruptedBy: runner.interruption, totalRuns: results.count)
    }

    func makeRunDirectory() throws -> (String, URL) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss'Z'"
        let stamp = formatter.string(from: Date())
        try AtomicFile.makeDirectories(reportsDirectory.path)
        for attempt in 1...100 {
            let runId = attempt == 1 ? stamp : "\(stamp)-\(attempt)"
            let directory = reportsDirectory.appendingPathComponent(runId)
            // mkdir fails if it exists: two suites started in the same second get different folders.
            if mkdir(directory.path, 0o755) == 0 { return (runId, directory) }
            if errno != EEXIST {
                throw BenchError.io("cannot create \(directory.path): \(String(cString: strerror(errno)))")
            }
        }
        throw BenchError.io("cannot find a free run folder name under \(reportsDirectory.path)")
    }
}
