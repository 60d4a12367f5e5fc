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
            Default: each scenario at its default size, 3 runs per cell, the seven default \
            allocator configurations, plus a size sweep under glibc (two smaller sizes per \
            scenario that declares one), a 0.5 s settle for threaded-churn and its 11 s \
            threaded-long-settle variant under jemalloc-preload only. --quick: each \
            scenario at its small size, 1 run (a smoke test; single runs cannot tell noise from a \
            difference).

            --resume DIR continues a suite that was interrupted (Ctrl-C, SIGTERM, a crash) in its \
            own folder: it plans the same runs from DIR/suite.json, skips those already in \
            DIR/results.jsonl, and rewrites the report with everything. It takes no other suite \
            options. Example: bench all --resume Reports/2026-01-01T10-00-00Z
            """)

    @Flag(name: .long, help: "Small sizes and one run: a fast smoke test.")
    var quick = false

    @Option(name: .long, help: ArgumentHelp("Continue the interrupted suite in this run folder (a Reports/<run-id>).", valueName: "dir"))
    var resume: String?

    @OptionGroup var suite: SuiteOptions

    func validate() throws {
        if resume != nil { try ResumeCommandLine.checkNoOtherOptions(CommandLine.arguments) }
        if quick && (suite.runs != 3 || suite.maxRuns != nil) {
            throw ValidationError("--quick sets one run; do not combine it with --runs or --max-runs")
        }
    }

    func run() throws {
        if let resume {
            try suite.resumeSuite(in: resume)
            return
        }
        var suite = self.suite
        if quick {
            suite.runs = 1
            suite.maxRuns = 1
        }
        let scenarios = try Catalog.load().scenarios
        let plan = SuitePlan.selections(quick: quick, allocators: try suite.resolvedAllocators(), scenarios: scenarios)
        for note in plan.notes { suite.note(note) }
        try suite.runSuite(plan.selections, parameters: SuitePlan.parameters(quick: quick), scenarios: scenarios)
    }
}
