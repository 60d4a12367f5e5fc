import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import Doctor
import Reporting
import MemoryProbe

/// Options shared by `run` and `all`.
struct SuiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Allocator configurations, comma-separated (see `bench list`); 'default' for the seven defaults, 'every' for all built-in ones.",
        valueName: "names"))
    var allocators: String = "default"

    @Option(name: .customLong("custom-allocator"), help: ArgumentHelp(
        "Add a configuration: 'NAME preload=PATH' or 'NAME base=CONFIG KEY=VALUE…', e.g. 'je-nodecay base=jemalloc-preload MALLOC_CONF=dirty_decay_ms:0'. Repeatable; it is added to --allocators.",
        valueName: "spec"))
    var customAllocators: [String] = []

    @Option(name: .long, help: "Runs per cell at least, interleaved across cells (1–100).")
    var runs: Int = 3

    @Flag(name: .long, help: "Also run a counted twin of each configuration (NAME+count): the allocation counter preloaded first, mallocs, frees, reallocs and bytes requested per phase. Their RSS is instrumented and compared only with other counted runs.")
    var count = false

    @Option(name: .customLong("max-runs"), help: ArgumentHelp(
        "Runs per cell at most: cells of a comparison the runs leave undecided run again, a round at a time, until it is decided, this many runs, or --time-budget (default 6; equal to --runs for no extra runs).",
        valueName: "n"))
    var maxRuns: Int?

    @Option(name: .customLong("time-budget"), help: ArgumentHelp(
        "Seconds the whole suite may take before no further round of extra runs starts (the planned runs always run).",
        valueName: "seconds"))
    var timeBudget: Double = 270

    @Option(name: .customLong("interval-ms"), help: "RSS sampling interval inside the worker, in milliseconds.")
    var intervalMs: Double = 1

    @Option(name: .long, help: "Seconds a single run may take before its process group is killed and it is recorded as timed out.")
    var timeout: Double = 600

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp(
        "RSS cap per run, e.g. 2GiB, 512MiB (units are powers of 1024); a run past it is killed and recorded as OOM. Default: half of this machine's memory, at most 3/4 of what is available.",
        valueName: "size"))
    var memoryLimit: String?

    @Option(name: .long, help: ArgumentHelp("Folder for reports (a run folder per suite is made inside).", valueName: "dir"))
    var out: String = "Reports"

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Folder for cached inputs (SQLite databases per size).", valueName: "dir"))
    var cacheDirectory: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Progress on stderr (default: only when stderr is a terminal).")
    var progress: Bool?

    @Flag(name: .shortAndLong, help: "No progress, only the final summary.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp(
        "A package's own worker (an executable that calls MemoryBenchWorker.main(scenarios:)): its scenarios are listed from its catalog and run instead of the built-in ones.",
        valueName: "path"))
    var worker: String?

    @Option(name: .customLong("worker-jemalloc"), help: ArgumentHelp(
        "The same target as --worker built linked against libjemalloc, for jemalloc-linked (without it, jemalloc-linked is skipped).",
        valueName: "path"))
    var jemallocWorker: String?

    @Option(name: .long, help: ArgumentHelp(
        "This machine's name in the report (default: the host name), e.g. ubuntu-24.04-x86_64; `bench merge` lays testbeds side by side.",
        valueName: "name"))
    var testbed: String?

    @OptionGroup var exports: ExportOptions

    @OptionGroup var sites: SitesOptions

    func validate() throws {
        guard (1...100).contains(runs) else { throw ValidationError("--runs must be between 1 and 100, not \(runs)") }
        if let maxRuns, !(runs...100).contains(maxRuns) {
            throw ValidationError("--max-runs must be between --runs (\(runs)) and 100, not \(maxRuns)")
        }
        guard timeBudget > 0 else { throw ValidationError("--time-budget must be a positive number of seconds") }
        guard intervalMs >= 0.05 && intervalMs <= 10_000 else { throw ValidationError("--interval-ms must be between 0.05 and 10000") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        _ = try resolvedMemoryCap()
        try Self.validateTestbedName(testbed)
        if quiet && progress == true { throw ValidationError("--quiet and --progress contradict each other; choose one") }
        try checkPreloadsExist(try resolvedAllocators())
        _ = try workers()
    }

    /// The workers to run: `--worker` (and `--worker-jemalloc`) as absolute paths, each checked to
    /// be an executable file, or the built-in ones beside `bench`.
    func workers() throws -> WorkerSet {
        if jemallocWorker != nil && worker == nil {
            throw ValidationError("--worker-jemalloc is the jemalloc-linked build of a --worker: give --worker PATH too")
        }
        return WorkerSet(worker: try worker.map { try Self.executable($0, option: "--worker") },
                         jemallocWorker: try jemallocWorker.map { try Self.executable($0, option: "--worker-jemalloc") })
    }

    static func executable(_ path: String, option: String) throws -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ValidationError("\(option) \(path): no such file (build the worker first, e.g. swift build -c release)")
        }
        guard FileManager.default.isExecutableFile(atPath: absolute) else {
            throw ValidationError("\(option) \(path) is not executable")
        }
        return absolute
    }

    /// The configurations to run, in order, with the custom ones appended.
    func resolvedAllocators() throws -> [AllocatorConfiguration] {
        let builtIn = AllocatorConfiguration.builtIn()
        var customs: [AllocatorConfiguration] = []
        for spec in customAllocators {
            do {
                let custom = try CustomAllocatorSpec.parse(spec, builtIn: builtIn)
                guard !customs.contains(where: { $0.name == custom.name }) else {
                    throw ValidationError("--custom-allocator names '\(custom.name)' twice")
                }
                customs.append(custom)
            } catch let invalid as CustomAllocatorSpec.Invalid {
                throw ValidationError(invalid.description)
            }
        }
        var chosen: [AllocatorConfiguration] = []
        for name in allocators.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            let names: [String]
            switch name {
            case "default": names = AllocatorConfiguration.defaultNames
            case "every": names = builtIn.map(\.name)
            default: names = [name]
            }
            for name in names {
                let baseName = AllocatorConfiguration.isCountedName(name) ? String(name.dropLast(AllocatorConfiguration.countedSuffix.count)) : name
                guard let base = builtIn.first(where: { $0.name == baseName }) ?? customs.first(where: { $0.name == baseName }) else {
                    throw ValidationError("unknown allocator configuration '\(name)'; known: \(builtIn.map(\.name).joined(separator: ", "))")
                }
                let configuration = baseName == name ? base : base.countedTwin()
                if !chosen.contains(configuration) { chosen.append(configuration) }
            }
        }
        for custom in customs where !chosen.contains(custom) { chosen.append(custom) }
        guard !chosen.isEmpty else { throw ValidationError("--allocators names no configuration") }
        if count { chosen += chosen.map { $0.countedTwin() }.filter { !chosen.contains($0) } }
        return chosen
    }

    var defaultCacheDirectory: String { Self.cacheDirectory(cacheDirectory) }

    /// The cache folder: the one given, else $XDG_CACHE_HOME/memorybench or ~/.cache/memorybench.
    static func cacheDirectory(_ given: String?) -> String {
        if let given { return given }
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return "\(xdg)/memorybench" }
        return "\(environment["HOME"] ?? NSTemporaryDirectory())/.cache/memorybench"
    }

    /// Runs the selections and prints where the report is; exits 1 when a run failed.
    /// `executor` runs the entries instead of workers (`bench exec`); `afterReport` adds output.
    /// The adaptive repetitions these options ask for: --max-runs (default 6, never below
    /// --runs) within --time-budget.
    var adaptiveRuns: AdaptiveRuns {
        AdaptiveRuns(maxRuns: maxRuns ?? max(runs, Self.defaultMaxRuns), budgetSeconds: timeBudget)
    }

    static let defaultMaxRuns = 6

    /// A line on stderr that the plan differs from what was asked (a capped variant, say).
    func note(_ text: String) {
        if !quiet { FileHandle.standardError.write(Data("bench: note: \(text)\n".utf8)) }
    }

    func runSuite(_ selections: [RunPlan.Selection], parameters: [String: [String: String]] = [:], scenarios: [ScenarioDescription] = [],
                  executor: RunExecutor? = nil, execSuite: SuiteFile.ExecSuite? = nil,
                  afterReport: (SuiteSession.Outcome) -> Void = { _ in }) throws {
        var runnerOptions = WorkerExecutor.Options(cacheDirectory: URL(fileURLWithPath: defaultCacheDirectory).standardizedFileURL.path)
        runnerOptions.intervalMs = intervalMs
        runnerOptions.timeoutSeconds = timeout
        runnerOptions.parameters = parameters
        runnerOptions.memoryCapBytes = try resolvedMemoryCap()
        let workers = try workers()
        let build = try Self.buildConfiguration(of: workers)
        var session = SuiteSession(
            selections: selections, allocators: try resolvedAllocators(), runs: runs, runnerOptions: runnerOptions,
            reportsDirectory: URL(fileURLWithPath: out).standardizedFileURL,
            commandLine: CommandLine.arguments.map(shellQuoted).joined(separator: " "),
            buildConfiguration: build, workers: workers,
            progress: ProgressReporter.automatic(forced: progress, quiet: quiet))
        session.executor = executor
        session.execSuite = execSuite
        session.scenarios = scenarios
        session.adaptive = adaptiveRuns
        session.siteProfiling = try sites.resolved(path: ProcessInfo.processInfo.environment["PATH"])
        session.testbedName = testbed
        try finish(session, afterReport: afterReport)
    }

    /// Runs a session and prints where its report is; exits 1 when a run failed, 128 + the
    /// signal when SIGINT or SIGTERM stopped it. `afterReport` adds output (`bench exec`).
    func finish(_ session: SuiteSession, afterReport: (SuiteSession.Outcome) -> Void = { _ in }) throws {
        Interruption.install()
        let outcome = try session.run()
        print("Report: \(outcome.directory.appendingPathComponent("report.md").path)"
              + (outcome.report.elapsedSeconds.map { String(format: " (%d runs in %.0f s)", outcome.report.runs.count, $0) } ?? ""))
        try exports.write(outcome.report)
        afterReport(outcome)
        for finding in outcome.report.findings.prefix(6) {
            print("- \(finding.marker.map { "(\($0)) " } ?? "")\(finding.text)")
        }
        let noisy = NoiseWarnings.usedByVerdicts(outcome.report)
        if !noisy.isEmpty {
            print("Warning: \(noisy.count) peak(s) that verdicts use vary by more than \(Int(NoiseWarnings.thresholdPercent)) % across runs; see the report's Noise section.")
        }
        if let signal = outcome.interruptedBy {
            let resume = SuiteFile.resumeCommand(exec: session.execSuite != nil, directory: shellQuoted(outcome.directory.path))
            FileHandle.standardError.write(Data("bench: stopped by \(Interruption.name(of: signal)) after \(outcome.totalRuns) of \(outcome.report.plannedRuns) runs (partial report written); continue with: \(resume)\n".utf8))
            throw ExitCode(Interruption.exitCode(for: signal))
        }
        if outcome.failedRuns > 0 {
            FileHandle.standardError.write(Data("bench: \(outcome.failedRuns) run(s) failed or timed out; see the report's \"Failed and skipped runs\"\n".utf8))
            throw ExitCode(1)
        }
    }
}

func shellQuoted(_ word: String) -> String {
    let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:@%+".contains($0) }
    return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// "200000", "200_000", "200k", "1M" → a positive count.
struct Count: ExpressibleByArgument {
    var value: Int

    init?(argument: String) {
        var text = argument.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        var multiplier = 1
        if let last = text.last, "kKmM".contains(last) {
            multiplier = "kK".contains(last) ? 1_000 : 1_000_000
            text.removeLast()
        }
        guard let number = Int(text), number > 0, number <= 100_000_000 / multiplier else { return nil }
        value = number * multiplier
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// Like `init(argument:)`, but says what a size must look like (the parser's own message
    /// only says the value is invalid).
    static func parse(_ argument: String) throws -> Count {
        guard let count = Count(argument: argument) else {
            throw ValidationError("a size is a whole number from 1 to 100,000,000, e.g. 200000, 200_000, 200k or 1M")
        }
        return count
    }
}
