import Foundation
import MemoryProbe
import BenchModel
import Reporting

/// `bench all --resume DIR` and `bench exec --resume DIR`, in one place: the folder's plan
/// (suite.json) checked to be of the kind asked for, the session that continues it (the same
/// plan, the scenarios and testbed name recorded when it started), and what that session starts
/// from (the runs already in results.jsonl, the time the earlier part took).
extension SuiteSession {
    /// A suite that can be continued, as its folder recorded it.
    public struct Resumable {
        public var folder: RunFolder
        public var plan: SuiteFile
        /// The scenarios as the worker described them when the suite started (none for `bench exec`).
        public var scenarios: [ScenarioDescription]
        public var testbedName: String?
    }

    /// The suite in `path`, refused with one line (`BenchError.input`, exit 65) when it cannot be
    /// continued as asked: `exec` for `bench exec --resume`. A `bench exec` suite's command runs
    /// in its recorded folder again, which becomes the current one.
    public static func resumable(_ path: String, exec: Bool) throws -> Resumable {
        let folder = RunFolder(URL(fileURLWithPath: path).standardizedFileURL)
        let plan = try SuiteFile.load(from: folder)
        let quoted = shellQuoted(folder.path)
        guard exec == (plan.exec != nil) else {
            throw BenchError.input(exec
                ? "\(folder.path) is a suite of MemoryBench's own scenarios: continue it with \(plan.resumeCommand(directory: quoted))"
                : "\(folder.path) is a bench exec suite: continue it with \(plan.resumeCommand(directory: quoted))")
        }
        let recorded = try? folder.loadEnvironment()
        var resumable = Resumable(folder: folder, plan: plan, scenarios: [], testbedName: recorded?.environment.testbed?.name)
        if let command = plan.exec {
            guard FileManager.default.changeCurrentDirectoryPath(command.workingDirectory) else {
                throw BenchError.input("cannot resume \(folder.path): its command ran in \(command.workingDirectory), which cannot be entered now")
            }
        } else {
            guard let scenarios = try folder.loadEnvironment()?.scenarios else {
                throw BenchError.input("cannot resume \(folder.path): its \(RunFolder.environmentFileName) records no scenarios (the suite was started by an older bench); start a new suite")
            }
            resumable.scenarios = scenarios
        }
        return resumable
    }

    /// The session that continues `suite` with `executor` (made from `suite.plan`).
    public init(resuming suite: Resumable, executor: any SuiteExecutor, buildConfiguration: String, progress: ProgressReporter) {
        self.init(plan: suite.plan, executor: executor, reportsDirectory: suite.folder.url.deletingLastPathComponent(),
                  buildConfiguration: buildConfiguration, progress: progress)
        resuming = suite.folder
        scenarios = suite.scenarios
        testbedName = suite.testbedName
    }

    /// What a suite starts from: for a resumed one, the runs already in results.jsonl and the
    /// time its earlier part took.
    struct Resumed {
        var results: [RunResult] = []
        var elapsedSeconds: Double = 0

        /// A new suite: its plan written, nothing measured yet.
        static func new(_ plan: SuiteFile, in folder: RunFolder) throws -> Resumed {
            try plan.write(to: folder)
            return Resumed()
        }
    }

    /// Checks the folder against the plan, says what it holds, and returns the runs already
    /// measured. Every way the folder can be wrong is one line: `BenchError.input` (exit 65);
    /// a damaged line, a damaged report.json or a changed worker is a warning.
    func resume(_ runPlan: RunPlan, in folder: RunFolder) throws -> Resumed {
        var warnings: [String] = []
        var resumed = Resumed()
        if FileManager.default.fileExists(atPath: folder.resultsURL.path) {
            let loaded = try folder.results.load()
            warnings += loaded.warnings
            try check(loaded, against: runPlan, path: folder.resultsURL.path)
            resumed.results = loaded.results
            try folder.results.endWithNewline()
        }
        warnings += try checkReport(in: folder)
        resumed.elapsedSeconds = folder.recordedElapsedSeconds() ?? 0
        if let recorded = (try? folder.loadEnvironment())?.environment.workers { warnings += executor.changes(since: recorded) }
        for warning in warnings { FileHandle.standardError.write(Data("bench: warning: \(warning)\n".utf8)) }
        progress.say("resuming \(folder.path): \(resumed.results.count) of \(runPlan.entries.count) runs already measured")
        return resumed
    }

    /// Every run of the folder is one the plan plans (repetitions past the plan's are adaptive
    /// runs of a planned cell), measured under the configuration it plans.
    func check(_ loaded: ResultsFile.Loaded, against runPlan: RunPlan, path: String) throws {
        if loaded.results.isEmpty && !loaded.warnings.isEmpty {
            throw BenchError.input("\(path) is not a MemoryBench results file: none of its \(loaded.warnings.count) line(s) is a result")
        }
        let planned = Dictionary(runPlan.entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let plannedCells = Dictionary(runPlan.entries.map { ($0.cell, $0) }, uniquingKeysWith: { first, _ in first })
        for (number, result) in loaded.results.enumerated() {
            guard let entry = planned[result.key] ?? plannedCells[result.cell] else {
                throw BenchError.input("\(path) holds a run the suite did not plan (\(result.key)): it belongs to another suite")
            }
            guard entry.allocator == result.configuration else {
                throw BenchError.input("\(path) result \(number + 1) measured \(result.allocator) with another configuration than suite.json plans: start a new suite")
            }
        }
    }

    /// The report is rewritten from results.jsonl: a damaged one is only a warning, but one from
    /// a newer bench must not be overwritten by an older one.
    func checkReport(in folder: RunFolder) throws -> [String] {
        let url = folder.reportJSON
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        let version: Int
        do {
            version = try JSONSchemaVersion.read(data, path: url.path)
        } catch let error as BenchError {
            return ["\(error.description); it is rewritten from results.jsonl"]
        }
        try JSONSchemaVersion.require(version, atMost: Report.currentSchemaVersion, in: url.path, advice: "resume it with a newer bench")
        return []
    }
}
