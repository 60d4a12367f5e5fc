import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import Doctor
import Reporting

struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Profile any command under the allocator configurations.",
        discussion: """
            Runs COMMAND once per allocator configuration × run (interleaved), each time with the \
            caller's environment minus its allocator variables (LD_PRELOAD, GLIBC_TUNABLES, MALLOC_*, …) \
            plus the configuration's. RSS of the process and all its descendants is sampled from \
            /proc every --interval-ms; the exact peak is wait4's ru_maxrss. The allocator is proved \
            from inside every process by a preloaded probe library (malloc's provider and the \
            allocator's version; built with cc into the cache folder at first use; without a C \
            compiler, from /proc/PID/maps); a static or setuid binary under a preload \
            configuration is a failed run. jemalloc-linked does not apply to a foreign command and \
            is skipped. The command's output goes to Reports/<run-id>/logs/ (or through, with \
            --show-output); a non-zero exit fails the run.

            Phase markers: the command may write lines `phase NAME` to the file descriptor named by \
            $MEMORYBENCH_PHASE_FD; each starts a phase (its RSS is recorded, the peaks of its tree \
            reset). It then reads 3 bytes from $MEMORYBENCH_PHASE_ACK_FD, which bench writes after the \
            reset: the phase peaks are exact (without the read they are marked sampled). Python: \
            os.write(int(os.environ["MEMORYBENCH_PHASE_FD"]), b"phase load\\n"); \
            os.read(int(os.environ["MEMORYBENCH_PHASE_ACK_FD"]), 3)

            Here --interval-ms is how often bench samples the command from outside (default \(HelpText.number(SuiteOptions.defaultIntervalMs)) ms), \
            and --memory-limit caps the RSS of the command's whole process tree, watched from outside \
            (past it the tree is killed and the run recorded as OOM).

            --sites: after the measured runs, one profiling run per variant with jemalloc preloaded \
            and its heap profiler dumping at each new peak and at exit; the sites of the bytes in use \
            (native frames; for Python or Ruby the interpreter's C frames) go into the report, never \
            into any RSS figure or verdict. A static binary, or a command with its own allocator (Go, \
            the JVM), cannot be profiled: its cell says so and the suite goes on. jemalloc writes a \
            whole profile at every new peak, so the profiling run of a command that grows in small \
            steps can take several times as long as a measured run.

            Ctrl-C or SIGTERM is forwarded to the command's process group and every process of its \
            tree; what has not ended 1 s later is killed (SIGKILL). The partial report is written and \
            bench exits 130 (143). --resume DIR then runs exactly the missing runs, with the command, \
            working directory, environment and options recorded in DIR/suite.json; it takes no other \
            options and no command. Example: bench exec --resume Reports/2026-01-01T10-00-00Z

            Examples:
              bench exec -- python3 job.py
              bench exec --runs 5 --allocators glibc,jemalloc-preload -- ruby export.rb
              bench exec --timeout 60 --show-output -- ./build/my-server --once
              bench exec --duration 60s --ready 'curl -sf http://127.0.0.1:8080/' \\
                --load 'python3 load.py 8080' -- ./my-server --port 8080
              bench exec --name export --variants load-all,batched \\
                -- python3 Examples/python-export/export.py --mode {variant}
            """)

    @Option(name: .long, help: ArgumentHelp("The scenario name in the report (default: the script's or command's base name).", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp(
        "Comma-separated variant names; each is run, with {variant} in the command replaced by it (and $MEMORYBENCH_VARIANT set). The first is the reference the others are compared with.",
        valueName: "names"))
    var variants: String?

    @Option(name: .long, help: ArgumentHelp("Continue the interrupted bench exec suite in this run folder (a Reports/<run-id>).", valueName: "dir"))
    var resume: String?

    @Flag(name: .customLong("show-output"), help: "Let the command's stdout and stderr through instead of writing a log per run.")
    var showOutput = false

    @OptionGroup var suite: SuiteOptions

    @OptionGroup(title: "Long-running services") var service: ServiceOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command and its arguments, after --.", valueName: "command"))
    var command: [String] = []

    static let interpreters = ["python", "python3", "ruby", "node", "perl", "bash", "sh", "bundle", "rake", "php"]

    /// The scenario name: --name, else the script of an interpreter, else the command's base name.
    var scenarioName: String {
        if let name { return name }
        let base = { (path: String) in (path as NSString).lastPathComponent }
        guard let first = command.first else { return "command" }
        // `python3 job.py` → "job", `python3 -m pkg.tool` → "pkg.tool", `python3 -c …` → "python3".
        if Self.interpreters.contains(where: { base(first).hasPrefix($0) }), command.count > 1 {
            let second = command[1]
            if second == "-m", command.count > 2 { return command[2] }
            if !second.hasPrefix("-") { return (base(second) as NSString).deletingPathExtension }
        }
        return base(first)
    }

    var variantNames: [String] {
        (variants ?? "command").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        if resume != nil {
            guard command.isEmpty else {
                throw ValidationError("--resume runs the command recorded in the suite's suite.json; give no command after --")
            }
            try SuiteOptions.refuseWithResume(planOptionsGiven + suite.planOptionsGiven + service.given)
            return
        }
        guard let first = command.first, !first.isEmpty else {
            throw ValidationError("no command given: put it after --, e.g. bench exec -- python3 job.py")
        }
        let name = scenarioName
        guard !name.isEmpty, !name.contains("/") else { throw ValidationError("--name must be a non-empty name without '/'") }
        guard (try? Catalog.load().scenario(named: name)) == nil else {
            throw ValidationError("--name \(name) is a built-in scenario's name; choose another")
        }
        let names = variantNames
        guard !names.isEmpty else { throw ValidationError("--variants names no variant") }
        guard Set(names).count == names.count else { throw ValidationError("--variants names a variant twice") }
        try suite.checkBudgets(scenario: name, variants: names)
        if let service = try service.resolved(), let window = service.durationSeconds,
           window + service.readyTimeoutSeconds + service.graceSeconds >= suite.timeoutSeconds {
            throw ValidationError("--timeout (\(Int(suite.timeoutSeconds)) s) must exceed --duration + --ready-timeout + --grace; raise it")
        }
        if names.count > 1 && !command.contains(where: { $0.contains(CommandExecutor.variantPlaceholder) }) {
            FileHandle.standardError.write(Data("bench: note: the command has no {variant}; each variant gets the same command with MEMORYBENCH_VARIANT set\n".utf8))
        }
    }

    /// `bench exec`'s own options given (`--resume` takes none).
    var planOptionsGiven: [String] {
        [("--name", name != nil), ("--variants", variants != nil), ("--show-output", showOutput)].filter(\.1).map(\.0)
    }

    func run() throws {
        if let resume {
            try suite.resume(resume, exec: true, afterReport: Self.summarise)
            return
        }
        var recorded = SuiteFile.ExecSuite(command: command, workingDirectory: FileManager.default.currentDirectoryPath,
                                           environment: ProcessInfo.processInfo.environment, showOutput: showOutput)
        recorded.service = try service.resolved()
        let plan = try suite.plan([RunPlan.Selection(scenario: scenarioName, variants: variantNames, sizes: [0])], exec: recorded)
        if plan.allocators.contains(where: { $0.worker == .jemallocLinked }) {
            FileHandle.standardError.write(Data("bench: note: \(CommandExecutor.linkedSkipReason)\n".utf8))
        }
        try suite.runSuite(plan, afterReport: Self.summarise)
    }

    /// Peak per variant × allocator on stdout; one line per failed run on stderr.
    static func summarise(_ outcome: SuiteSession.Outcome) {
        for cell in outcome.report.cells where cell.status == .ok {
            guard let peak = cell.peakBytes else { continue }
            let spread = peak.spreadPercent.map { String(format: ", spread ±%.1f %%", $0) } ?? ""
            let wait4 = cell.maxRSSBytes.map { ", wait4 \(mebibytes($0.median))" } ?? ""
            print("  \(cell.key.variant) × \(cell.key.allocator): peak \(mebibytes(peak.median))\(wait4) (median of \(cell.okRuns) run\(cell.okRuns == 1 ? "" : "s")\(spread))")
        }
        for run in outcome.report.runs where run.status == .failed {
            FileHandle.standardError.write(Data("bench: run \(run.index + 1) (\(run.variant) × \(run.allocator), run \(run.repetition)) failed: \(run.reason ?? "no reason")\n".utf8))
        }
    }
}
