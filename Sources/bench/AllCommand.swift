import ArgumentParser
import Harness
import MemoryProbe
import Scenarios

struct AllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Run every scenario under every chosen allocator configuration.",
        discussion: """
            Default: each scenario at its default size, 3 runs per cell, the seven default \
            allocator configurations. --quick: each scenario at its small size, 1 run (a smoke \
            test; single runs cannot tell noise from a difference).

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
        if quick && suite.runs != 3 {
            throw ValidationError("--quick sets one run; do not combine it with --runs")
        }
    }

    func run() throws {
        if let resume {
            try suite.resumeSuite(in: resume)
            return
        }
        var suite = self.suite
        if quick { suite.runs = 1 }
        let selections = ScenarioCatalog.visible.map { scenario in
            RunPlan.Selection(scenario: scenario.name, variants: scenario.variants.map(\.name),
                              sizes: [quick ? scenario.quickSize : scenario.defaultSize])
        }
        try suite.runSuite(selections)
    }
}
