import Foundation
import BenchModel
import Reporting
import MemoryProbe

/// `suite.json`, written in the run folder before the first run: the suite's plan, everything
/// needed to run it, so that `bench all --resume DIR` (`bench exec --resume DIR`) continues a
/// suite exactly as it was started; the executor is made from it (`SuiteExecutorFactory`).
public struct SuiteFile: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var commandLine: String
    public var selections: [RunPlan.Selection]
    /// The configurations as resolved when the suite started (library paths included).
    public var allocators: [AllocatorConfiguration]
    public var runs: Int
    public var intervalMs: Double
    public var timeoutSeconds: Double
    public var memoryCapBytes: Int?
    public var parameters: [String: [String: String]]
    public var cacheDirectory: String
    /// Adaptive repetitions (absent in suites started before they existed: none).
    public var adaptive: AdaptiveRuns?
    /// A `bench exec` suite's command and how it was started (nil: MemoryBench's own scenarios).
    public var exec: ExecSuite?

    /// `--cores-like N`, as its configurations carry it (nil: this machine's own arena caps).
    public var coresLike: Int? { allocators.compactMap(\.coresLike).first }

    /// What `bench exec --resume` needs to start the same command again.
    public struct ExecSuite: Codable, Sendable, Equatable {
        /// The command and its arguments as given (with `{variant}`).
        public var command: [String]
        /// The folder it was started in (relative paths in the command are relative to it).
        public var workingDirectory: String
        /// The caller's environment the command inherited, except variables whose names look
        /// like secrets (`secretLooking`): a resumed run takes those, and anything not recorded,
        /// from the resuming shell, with these on top.
        public var environment: [String: String]
        public var showOutput: Bool
        /// --duration, --ready, --load, --measure (nil: a batch command measured as a tree).
        public var service: ExecService?

        public init(command: [String], workingDirectory: String, environment: [String: String], showOutput: Bool) {
            self.command = command
            self.workingDirectory = workingDirectory
            self.environment = environment.filter { !Self.secretLooking($0.key) }
            self.showOutput = showOutput
        }

        /// TOKEN, SECRET, PASSWORD, PASSWD, CREDENTIAL, API_KEY, PRIVATE, AUTH in the name.
        public static func secretLooking(_ name: String) -> Bool {
            let upper = name.uppercased()
            return ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "API_KEY", "PRIVATE", "AUTH"].contains { upper.contains($0) }
        }

        /// The resuming shell's environment with the recorded one on top.
        public func environment(over current: [String: String]) -> [String: String] {
            current.merging(environment) { _, recorded in recorded }
        }
    }

    /// The command that continues a suite (`bench all --resume DIR`, `bench exec --resume DIR`).
    public static func resumeCommand(exec: Bool, directory: String) -> String {
        "bench \(exec ? "exec" : "all") --resume \(directory)"
    }

    /// The command that continues this suite.
    public func resumeCommand(directory: String) -> String { Self.resumeCommand(exec: exec != nil, directory: directory) }

    /// A package's own worker (`--worker`) and its jemalloc-linked build; absent: the built-in one.
    public var worker: String?
    public var jemallocWorker: String?
    /// `--budget`, by scenario (absent: none given); a resumed suite is judged by the same ones.
    public var budgets: [String: [Budget]]?
    /// `--sites`: its sample interval (log2 bytes), so that a resumed suite profiles the sites too
    /// (absent: no `--sites`).
    public var sitesSampleLog2Bytes: Int?

    public init(commandLine: String, selections: [RunPlan.Selection], allocators: [AllocatorConfiguration], runs: Int,
                options: WorkerExecutor.Options, adaptive: AdaptiveRuns? = nil, exec: ExecSuite? = nil) {
        self.schemaVersion = Self.currentSchemaVersion
        self.commandLine = commandLine
        self.selections = selections
        self.allocators = allocators
        self.runs = runs
        self.intervalMs = options.intervalMs
        self.timeoutSeconds = options.timeoutSeconds
        self.memoryCapBytes = options.memoryCapBytes
        self.parameters = options.parameters
        self.cacheDirectory = options.cacheDirectory
        self.adaptive = adaptive
        self.exec = exec
    }

    /// The workers the suite was started with.
    public var workers: WorkerSet { WorkerSet(worker: worker, jemallocWorker: jemallocWorker) }

    /// The runs it plans.
    public var runPlan: RunPlan { RunPlan(selections: selections, allocators: allocators, runs: runs) }

    /// Its adaptive repetitions (none in a suite started before they existed).
    public var adaptiveRuns: AdaptiveRuns { adaptive ?? AdaptiveRuns(maxRuns: runs, budgetSeconds: 0) }

    public var runnerOptions: WorkerExecutor.Options {
        var options = WorkerExecutor.Options(cacheDirectory: cacheDirectory)
        options.intervalMs = intervalMs
        options.timeoutSeconds = timeoutSeconds
        options.memoryCapBytes = memoryCapBytes
        options.parameters = parameters
        return options
    }

    public func write(to folder: RunFolder) throws {
        try AtomicFile.write(try JSONCoding.encoder(pretty: true).encode(self), to: folder.file(RunFolder.suiteFileName).path)
    }

    /// Reads a run folder's plan; every way it can be wrong is one line (`BenchError.input`).
    public static func load(from folder: RunFolder) throws -> SuiteFile {
        let url = folder.file(RunFolder.suiteFileName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BenchError.input("cannot resume \(folder.path): no such folder")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw BenchError.input("cannot resume \(folder.path): it has no \(RunFolder.suiteFileName) (only suites started by this version of bench can be resumed)")
        }
        try JSONSchemaVersion.check(data, path: url.path, atMost: currentSchemaVersion, advice: "resume it with a newer bench")
        do {
            return try JSONDecoder().decode(SuiteFile.self, from: data)
        } catch {
            throw BenchError.input("\(url.path) is not a valid suite plan (\(JSONSchemaVersion.describe(error)))")
        }
    }
}
