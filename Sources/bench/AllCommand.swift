import ArgumentParser
import BenchModel
import Suite
import Exec
import Doctor
import MemoryProbe

struct AllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Run every scenario under every chosen allocator configuration.",
        discussion: """
            Default: each scenario at its default size, 3 runs per cell (more, up to --max-runs, \
            for cells whose comparisons are undecided, within --time-budget), the eight default \
            allocator configurations, plus a size sweep under glibc (two smaller sizes per \
            scenario that declares one); threaded-churn's threaded variant idles 3 s under every \
            configuration, with RSS checkpoints at 0.5, 1 and 2 s (the single thread 0.5 s). \
            --quick: each \
            scenario at its small size, 1 run (a smoke test; single runs decide nothing and the \
            report says so); --quick --runs 3 is the quick pull-request gate.

            --resume DIR continues a suite that was interrupted (Ctrl-C, SIGTERM, a crash) in its \
            own folder: it plans the same runs from DIR/suite.json, skips those already in \
            DIR/results.jsonl, and rewrites the report with everything. It takes no other suite \
            options. Example: bench all --resume Reports/2026-01-01T10-00-00Z
            """)

    @Flag(name: .long, help: "Small sizes and one run (unless --runs): a fast smoke test; with --runs 3, a quick gate.")
    var quick = false

    @Option(name: .long, help: ArgumentHelp("Continue the interrupted suite in this run folder (a Reports/<run-id>).", valueName: "dir"))
    var resume: String?

    @OptionGroup var suite: SuiteOptions

    func validate() throws {
        if resume != nil { try ResumeCommandLine.checkNoOtherOptions(CommandLine.arguments) }

    }

    func run() throws {
        if let resume {
            try suite.resumeSuite(in: resume)
            return
        }
        var suite = self.suite
        // --quick: small sizes and one run, unless --runs asks for more (a pull-request gate
        // needs three to decide anything); no extra runs unless --max-runs asks.
        if quick {
            if !CommandLine.arguments.contains(where: { $0 == "--runs" || $0.hasPrefix("--runs=") }) { suite.runs = 1 }
            suite.maxRuns = suite.maxRuns ?? suite.runs
        }
        let scenarios = try Catalog.load(try suite.workers()).scenarios
        let plan = DefaultSuite.selections(quick: quick, allocators: try suite.resolvedAllocators(), scenarios: scenarios)
        for note in plan.notes { suite.note(note) }
        try suite.runSuite(plan.selections, parameters: DefaultSuite.parameters(quick: quick), scenarios: scenarios)
    }
}
