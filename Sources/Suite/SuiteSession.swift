import Foundation
import MemoryProbe
import BenchModel
import Reporting

/// One suite from plan to report: a fresh `Reports/<run-id>/` (or the folder of the suite it
/// continues, see SuiteSession+Resume), every run appended to its `results.jsonl` as it ends,
/// then the report and `Reports/latest`.
public struct SuiteSession {
    /// What to run: the suite's plan, as suite.json records it.
    public var plan: SuiteFile
    /// What runs each entry, chosen once from the plan (`SuiteExecutorFactory`).
    public var executor: any SuiteExecutor
    /// Where the run folder is made; `latest` in it points at the newest.
    public var reportsDirectory: URL
    /// How the measured code was compiled (`debug` numbers are not comparable).
    public var buildConfiguration: String
    public var progress: ProgressReporter
    /// The scenarios the runs are of, as the worker described them (empty for `bench exec`).
    public var scenarios: [ScenarioDescription] = []
    /// Continue the suite in this run folder (planned from its suite.json) instead of a new one.
    public var resuming: RunFolder? = nil
    /// `--sites`: one profiling run per cell after the measured ones (see `SiteProfiler`).
    public var siteProfiling: SiteProfiling? = nil
    /// The testbed's name in the report (`--testbed`); nil names it after the host.
    public var testbedName: String? = nil

    public init(plan: SuiteFile, executor: any SuiteExecutor, reportsDirectory: URL, buildConfiguration: String,
                progress: ProgressReporter) {
        self.plan = plan
        self.executor = executor
        self.reportsDirectory = reportsDirectory
        self.buildConfiguration = buildConfiguration
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
        let runPlan = plan.runPlan
        let folder = try resuming ?? RunFolder.make(in: reportsDirectory)
        let resumed = try resuming == nil ? Resumed.new(plan, in: folder) : resume(runPlan, in: folder)
        progress.say("MemoryBench: \(runPlan.entries.count) runs (\(plan.selections.count) scenario(s), \(plan.allocators.count) allocator configuration(s), \(plan.runs) run(s) each), writing \(folder.path)")
        let started = try recordStart(runPlan, in: folder)
        if let cap = plan.memoryCapBytes {
            progress.say("memory cap per run: \(MemoryLimit.format(cap)) of RSS\(executor.capEnforcement(capBytes: cap)), timeout \(Int(plan.timeoutSeconds)) s per run")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-\(folder.runId)-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let start = Date()
        var executor = self.executor
        executor.beginSuite(scratchDirectory: scratch.path)
        let runner = Runner(executor: executor, results: folder.results, progress: progress)
        runner.alreadyMeasured = Set(resumed.results.map(\.key))
        let measured = try runner.measure(runPlan, allocators: plan.allocators)
        var results = resumed.results + measured.results
        // The calibration saved in the cache folder (by `bench doctor --calibrate`): the
        // findings are decided with it, and a copy stays in the run folder for re-rendering.
        let calibration = CalibrationFigures.load(fromDirectory: plan.cacheDirectory)
        if runner.interruption == nil {
            try plan.adaptiveRuns.run(plan: runPlan, runner: runner, allocators: plan.allocators, results: &results, progress: progress,
                                      elapsedBefore: resumed.elapsedSeconds, start: start) { results in
                interimReport(folder, results, calibration: calibration)
            }
        }
        let elapsed = Date().timeIntervalSince(start) + resumed.elapsedSeconds
        try recordEnd(started, preflights: measured.preflights, runPlan, in: folder)
        try calibration.map { try folder.save($0) }
        if let siteProfiling, runner.interruption == nil {
            _ = try executor.profileSites(runPlan, measured: results, folder: folder, profiling: siteProfiling, progress: progress)
        }
        let report = try ReportWriter.writeReport(of: folder, results: results, elapsedSeconds: elapsed).report
        try RunFolder.pointLatest(in: reportsDirectory, to: folder.runId)
        progress.say(String(format: runner.interruption == nil ? "done in %.1f s" : "stopped after %.1f s", elapsed))
        return Outcome(directory: folder.url, report: report,
                       failedRuns: results.filter { $0.status == .failed || $0.status == .timeout }.count,
                       interruptedBy: runner.interruption, totalRuns: results.count)
    }

    /// The machine as the suite starts, written now so that `bench report` can re-render the
    /// folder even if the suite stops half-way; with the binaries the runs come from.
    func recordStart(_ runPlan: RunPlan, in folder: RunFolder) throws -> MachineFacts {
        var started = MachineFacts.collect(commandLine: plan.commandLine, buildConfiguration: buildConfiguration, allocators: [])
        started.workers = executor.binaries(for: plan.allocators, digestBuiltIn: buildConfiguration == "release")
        started.coresLike = plan.coresLike
        started.testbed = Testbed.collect(name: testbedName, facts: started, runId: folder.runId, commit: GitCommit.current(),
                                          coresLike: plan.coresLike)
        try folder.write(recordedFacts(runPlan, runId: folder.runId, environment: started))
        return started
    }

    /// The machine once the runs are done, with every configuration's preflight (its versions).
    func recordEnd(_ started: MachineFacts, preflights: [AllocatorPreflight], _ runPlan: RunPlan, in folder: RunFolder) throws {
        var environment = MachineFacts.collect(commandLine: plan.commandLine, buildConfiguration: buildConfiguration, allocators: preflights)
        environment.startedAt = started.startedAt
        environment.coresLike = started.coresLike
        environment.workers = started.workers
        // Taken when the suite started (digesting the libraries again would delay an interrupted suite's exit).
        environment.testbed = started.testbed?.withVersions(of: preflights)
        try folder.write(recordedFacts(runPlan, runId: folder.runId, environment: environment))
    }

    func recordedFacts(_ runPlan: RunPlan, runId: String, environment: MachineFacts) -> RecordedMachineFacts {
        var facts = RecordedMachineFacts(runId: runId, plannedRuns: runPlan.entries.count, runsPerCell: plan.runs,
                                         allocatorOrder: plan.allocators.map(\.name), environment: environment,
                                         scenarios: scenarios.isEmpty ? nil : scenarios)
        facts.budgets = plan.budgets
        return facts
    }

    /// What the adaptive runs judge by: a report of the results so far (no machine facts).
    func interimReport(_ folder: RunFolder, _ results: [RunResult], calibration: CalibrationFigures?) -> Report {
        ReportBuilder.build(runId: folder.runId, results: results, plannedRuns: results.count, elapsedSeconds: nil,
                            environment: .unknown, allocatorOrder: plan.allocators.map(\.name), scenarios: scenarios,
                            calibration: calibration, budgets: plan.budgets ?? [:])
    }
}
