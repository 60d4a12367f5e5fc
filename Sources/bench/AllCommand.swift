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
            """)

    @Flag(name: .long, help: "Small sizes and one run: a fast smoke test.")
    var quick = false

    @OptionGroup var suite: SuiteOptions

    func validate() throws {
        if quick && suite.runs != 3 {
            throw ValidationError("--quick sets one run; do not combine it with --runs")
        }
    }

    func run() throws {
        var suite = self.suite
        if quick { suite.runs = 1 }
        let selections = ScenarioCatalog.visible.map { scenario in
            RunPlan.Selection(scenario: scenario.name, variants: scenario.variants.map(\.name),
                              sizes: [quick ? scenario.quickSize : scenario.defaultSize])
        }
        try suite.runSuite(selections)
    }
}
