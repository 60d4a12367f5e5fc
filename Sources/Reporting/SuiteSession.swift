import Foundation
import Harness

/// One suite from plan to report: a fresh `Reports/<run-id>/`, every run appended to its
/// `results.jsonl` as it ends, then `report.json` and `report.md`, and `Reports/latest`.
public struct SuiteSession {
    public var selections: [RunPlan.Selection]
    public var allocators: [AllocatorConfiguration]
    public var runs: Int
    public var runnerOptions: Runner.Options
    public var reportsDirectory: URL
    public var commandLine: String
    public var buildConfiguration: String
    public var workers: WorkerSet
    public var progress: ProgressReporter

    public init(selections: [RunPlan.Selection], allocators: [AllocatorConfiguration], runs: Int, runnerOptions: Runner.Options,
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
        public var failedRuns: Int
    }

    public func run() throws -> Outcome {
        let plan = RunPlan(selections: selections, allocators: allocators, runs: runs)
        let (runId, directory) = try makeRunDirectory()
        progress.say("MemoryBench: \(plan.entries.count) runs (\(selections.count) scenario(s), \(allocators.count) allocator configuration(s), \(runs) run(s) each), writing \(directory.path)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-\(runId)-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let start = Date()
        let runner = Runner(workers: workers, options: runnerOptions,
                            results: ResultsFile(path: directory.appendingPathComponent("results.jsonl").path),
                            scratchDirectory: scratch.path, progress: progress)
        let (preflights, results) = try runner.execute(plan, allocators: allocators)
        let elapsed = Date().timeIntervalSince(start)
        let environment = MachineEnvironment.collect(commandLine: commandLine, buildConfiguration: buildConfiguration,
                                                     allocators: preflights)
        // Skipped cells are recorded once, not once per repetition: count them as planned runs done.
        let skippedExtra = results.filter { $0.status == .skipped }.count * (runs - 1)
        var report = ReportBuilder.build(runId: runId, results: results, plannedRuns: plan.entries.count - skippedExtra,
                                         elapsedSeconds: elapsed, environment: environment,
                                         allocatorOrder: allocators.map(\.name))
        try report.attachCalibration(cacheDirectory: runnerOptions.cacheDirectory, runDirectory: directory)
        try ReportWriter.write(report, to: directory)
        try ReportWriter.pointLatest(in: reportsDirectory, to: runId)
        progress.say(String(format: "done in %.1f s", elapsed))
        return Outcome(directory: directory, report: report, failedRuns: results.filter { $0.status == .failed }.count)
    }

    func makeRunDirectory() throws -> (String, URL) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss'Z'"
        let stamp = formatter.string(from: Date())
        do {
            try FileManager.default.createDirectory(at: reportsDirectory, withIntermediateDirectories: true)
        } catch {
            throw HarnessError.io("cannot create \(reportsDirectory.path): \(error.localizedDescription)")
        }
        for attempt in 1...100 {
            let runId = attempt == 1 ? stamp : "\(stamp)-\(attempt)"
            let directory = reportsDirectory.appendingPathComponent(runId)
            // mkdir fails if it exists: two suites started in the same second get different folders.
            if mkdir(directory.path, 0o755) == 0 { return (runId, directory) }
            if errno != EEXIST {
                throw HarnessError.io("cannot create \(directory.path): \(String(cString: strerror(errno)))")
            }
        }
        throw HarnessError.io("cannot find a free run folder name under \(reportsDirectory.path)")
    }
}
