import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import Doctor
import Reporting
import MemoryProbe

/// Options shared by `run`, `all`, `sweep` and `exec`. Those with a default are optional, so a
/// command can tell what was given (`--resume` takes none that would change the plan); the
/// defaults are applied in one place (`plan`).
struct SuiteOptions: ParsableArguments {
    static let defaultRuns = 3
    static let defaultMaxRuns = 6
    static let defaultTimeBudgetSeconds = 270.0
    static let defaultIntervalMs = 1.0
    static let defaultTimeoutSeconds = 600.0
    static let defaultOut = "Reports"

    @Option(name: .long, help: ArgumentHelp(
        HelpText.withDefault("Allocator configurations, comma-separated (see `bench list`); '\(AllocatorSelection.defaultWord)' for the \(HelpText.spelled(AllocatorConfiguration.defaultNames.count)) defaults, '\(AllocatorSelection.everyWord)' for all built-in ones.", AllocatorSelection.defaultWord),
        valueName: "names"))
    var allocators: String?

    @Option(name: .customLong("custom-allocator"), help: ArgumentHelp(
        "Add a configuration: 'NAME preload=PATH' or 'NAME base=CONFIG KEY=VALUE…', e.g. 'je-nodecay base=jemalloc-preload MALLOC_CONF=dirty_decay_ms:0'. Repeatable; it is added to --allocators.",
        valueName: "spec"))
    var customAllocators: [String] = []

    @Option(name: .long, help: ArgumentHelp(HelpText.withDefault("Runs per cell at least, interleaved across cells (1–100).", defaultRuns)))
    var runs: Int?

    @Flag(name: .long, help: "Also run a counted twin of each configuration (NAME+count): the allocation counter preloaded first, mallocs, frees, reallocs and bytes requested per phase. Their RSS is instrumented and compared only with other counted runs.")
    var count = false

    @Option(name: .customLong("max-runs"), help: ArgumentHelp(
        "Runs per cell at most: cells of a comparison the runs leave undecided run again, a round at a time, until it is decided, this many runs, or --time-budget (default \(defaultMaxRuns); equal to --runs for no extra runs).",
        valueName: "n"))
    var maxRuns: Int?

    @Option(name: .customLong("time-budget"), help: ArgumentHelp(
        HelpText.withDefault("Seconds the whole suite may take before no further round of extra runs starts (the planned runs always run).", defaultTimeBudgetSeconds),
        valueName: "seconds"))
    var timeBudget: Double?

    @Option(name: .customLong("interval-ms"), help: ArgumentHelp(
        HelpText.withDefault("RSS sampling interval inside the worker, in milliseconds.", defaultIntervalMs), valueName: "interval-ms"))
    var intervalMs: Double?

    @Option(name: .long, help: ArgumentHelp(
        HelpText.withDefault("Seconds a single run may take before its process group is killed and it is recorded as timed out.", defaultTimeoutSeconds),
        valueName: "timeout"))
    var timeout: Double?

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp(
        "RSS cap per run, e.g. 2GiB, 512MiB (units are powers of 1024); a run past it is killed and recorded as OOM. Default: half of this machine's memory, at most 3/4 of what is available.",
        valueName: "size"))
    var memoryLimit: String?

    @Option(name: .long, help: ArgumentHelp(HelpText.withDefault("Folder for reports (a run folder per suite is made inside).", defaultOut), valueName: "dir"))
    var out: String?

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

    @Option(name: .long, help: ArgumentHelp(
        "A limit on a figure of every run of a scenario (or one variant): 'SCENARIO[/VARIANT] peak<=8MiB', with afterRelease<=… and allocations<=… (counted runs); repeatable. Exceeded beyond noise: exit 2. It replaces the scenario's own budget of that metric.",
        valueName: "spec"))
    var budget: [String] = []

    /// The hidden `--invoked-as`: how the user started the suite, when bench was started for them
    /// (the plugin's `swift package memorybench all …`), for the report's Reproduce line.
    @Option(name: .customLong("invoked-as"), help: .hidden)
    var invokedAs: String?

    @Option(name: .customLong("cores-like"), help: ArgumentHelp(
        "Run every configuration with the arena caps of a machine with N CPUs: glibc's default with MALLOC_ARENA_MAX=8×N (glibc-arenas-K keeps K), jemalloc with narenas:4×N in MALLOC_CONF; proved from inside each run.",
        valueName: "N"))
    var coresLike: Int?

    @OptionGroup var exports: ExportOptions

    @OptionGroup var sites: SitesOptions

    var runsPerCell: Int { runs ?? Self.defaultRuns }
    var timeoutSeconds: Double { timeout ?? Self.defaultTimeoutSeconds }

    func validate() throws {
        guard (1...100).contains(runsPerCell) else { throw ValidationError("--runs must be between 1 and 100, not \(runsPerCell)") }
        if let maxRuns, !(runsPerCell...100).contains(maxRuns) {
            throw ValidationError("--max-runs must be between --runs (\(runsPerCell)) and 100, not \(maxRuns)")
        }
        if let coresLike, !(1...1024).contains(coresLike) { throw ValidationError("--cores-like must be a CPU count from 1 to 1024, not \(coresLike)") }
        guard (timeBudget ?? Self.defaultTimeBudgetSeconds) > 0 else { throw ValidationError("--time-budget must be a positive number of seconds") }
        if let intervalMs, !(intervalMs >= 0.05 && intervalMs <= 10_000) { throw ValidationError("--interval-ms must be between 0.05 and 10000") }
        guard timeoutSeconds > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        _ = try resolvedMemoryCap()
        try Self.validateTestbedName(testbed)
        if quiet && progress == true { throw ValidationError("--quiet and --progress contradict each other; choose one") }
        try checkPreloadsExist(try resolvedAllocators())
        _ = try workers()
        _ = try resolvedBudgets()
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

    /// The configurations to run, in order, with the custom ones appended (`AllocatorSelection`).
    func resolvedAllocators() throws -> [AllocatorConfiguration] {
        do {
            let resolved = try AllocatorSelection.resolve(allocators ?? AllocatorSelection.defaultWord, customSpecs: customAllocators, counted: count)
            return coresLike.map { cores in resolved.map { $0.likeCores(cores) } } ?? resolved
        } catch let invalid as AllocatorSelection.Invalid {
            throw ValidationError(invalid.description)
        }
    }

    /// The cache folder: the one given, else $XDG_CACHE_HOME/memorybench or ~/.cache/memorybench.
    static func cacheDirectory(_ given: String?) -> String {
        if let given { return given }
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return "\(xdg)/memorybench" }
        return "\(environment["HOME"] ?? NSTemporaryDirectory())/.cache/memorybench"
    }

    /// Runs per cell and the adaptive repetitions these options ask for: --runs (default 3), and
    /// --max-runs (default 6, never below --runs) within --time-budget. --quick runs once unless
    /// --runs asks for more (a pull-request gate needs three to decide anything), with no extra
    /// runs unless --max-runs asks.
    func repetitions(quick: Bool) -> (runs: Int, adaptive: AdaptiveRuns) {
        let runs = self.runs ?? (quick ? 1 : Self.defaultRuns)
        let maxRuns = self.maxRuns ?? (quick ? runs : max(runs, Self.defaultMaxRuns))
        return (runs, AdaptiveRuns(maxRuns: maxRuns, budgetSeconds: timeBudget ?? Self.defaultTimeBudgetSeconds))
    }

    /// The suite these options plan, as suite.json records it: every default applied here.
    func plan(_ selections: [RunPlan.Selection], parameters: [String: [String: String]] = [:], quick: Bool = false,
              exec: SuiteFile.ExecSuite? = nil, addedAllocators: [AllocatorConfiguration] = []) throws -> SuiteFile {
        var settings = WorkerExecutor.Options(cacheDirectory: URL(fileURLWithPath: Self.cacheDirectory(cacheDirectory)).standardizedFileURL.path)
        settings.intervalMs = intervalMs ?? Self.defaultIntervalMs
        settings.timeoutSeconds = timeoutSeconds
        settings.parameters = parameters
        settings.memoryCapBytes = try resolvedMemoryCap()
        let workers = try workers()
        let (runs, adaptive) = repetitions(quick: quick)
        var plan = SuiteFile(commandLine: invokedAs ?? CommandLine.arguments.map(shellQuoted).joined(separator: " "), selections: selections,
                             allocators: try resolvedAllocators() + addedAllocators.map { added in coresLike.map { added.likeCores($0) } ?? added }, runs: runs, options: settings, adaptive: adaptive, exec: exec)
        plan.worker = workers.worker
        plan.jemallocWorker = workers.jemallocWorker
        let budgets = try resolvedBudgets()
        plan.budgets = budgets.isEmpty ? nil : budgets
        return plan
    }

    /// A line on stderr that the plan differs from what was asked (a capped variant, say).
    func note(_ text: String) {
        if !quiet { FileHandle.standardError.write(Data("bench: note: \(text)\n".utf8)) }
    }

    var progressReporter: ProgressReporter { ProgressReporter.automatic(forced: progress, quiet: quiet) }

    /// Runs the suite `plan` plans, with the executor made from it, and prints where its report
    /// is. `afterReport` adds output (`bench exec`).
    func runSuite(_ plan: SuiteFile, scenarios: [ScenarioDescription] = [],
                  afterReport: (SuiteSession.Outcome) -> Void = { _ in }) throws {
        let siteProfiling = try sites.resolved(path: ProcessInfo.processInfo.environment["PATH"])
        var plan = plan
        plan.sitesSampleLog2Bytes = siteProfiling?.lgSample
        let build = try Self.buildConfiguration(of: plan.workers)
        var session = SuiteSession(plan: plan, executor: SuiteExecutorFactory.executor(for: plan, quiet: quiet),
                                   reportsDirectory: URL(fileURLWithPath: out ?? Self.defaultOut).standardizedFileURL,
                                   buildConfiguration: build, progress: progressReporter)
        session.scenarios = scenarios
        session.siteProfiling = siteProfiling
        session.testbedName = testbed
        try finish(session, afterReport: afterReport)
    }

    /// Runs a session and prints where its report is; exits 1 when a run failed, 128 + the
    /// signal when SIGINT or SIGTERM stopped it. `afterReport` adds output (`bench exec`).
    func finish(_ session: SuiteSession, afterReport: (SuiteSession.Outcome) -> Void = { _ in }) throws {
        Interruption.install()
        let outcome = try session.run()
        print("Report: \(RunFolder(outcome.directory).reportMarkdown.path)"
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
            let resume = session.plan.resumeCommand(directory: shellQuoted(outcome.directory.path))
            FileHandle.standardError.write(Data("bench: stopped by \(Interruption.name(of: signal)) after \(outcome.totalRuns) of \(outcome.report.plannedRuns) runs (partial report written); continue with: \(resume)\n".utf8))
            throw ExitCode(Interruption.exitCode(for: signal))
        }
        let gate = Self.sayGates(outcome.report)
        if outcome.failedRuns > 0 {
            FileHandle.standardError.write(Data("bench: \(outcome.failedRuns) run(s) failed or timed out; see the report's \"Failed and skipped runs\"\n".utf8))
            throw ExitCode(1)
        }
        if let gate { throw gate }
    }
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
