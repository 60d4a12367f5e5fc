import ArgumentParser
import BenchModel
import Suite
import Exec
import Doctor
import MemoryProbe

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one scenario under the chosen allocator configurations.",
        discussion: """
            Examples:
              bench run load-all-vs-batched
              bench run load-all-vs-batched --variant batched --variant load-all --size 1M --runs 5
              bench run load-all-vs-batched --allocators glibc,jemalloc-preload
              bench run load-all-vs-batched --size 5M --memory-limit 512MiB
              bench run threaded-churn --param settle=12 --allocators glibc,glibc-arenas-2,jemalloc-preload
              bench run load-all-vs-batched --custom-allocator 'tc preload=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4'
            """)

    @Argument(help: "The scenario (see `bench list`).")
    var scenario: String

    @Option(name: .long, help: "Only this variant (repeatable; default: every variant).")
    var variant: [String] = []

    @Option(name: .long, help: "Size (rows or records), e.g. 200000, 200k, 1M (default: the scenario's).",
            transform: Count.parse)
    var size: Count?

    @Option(name: .customLong("param"), help: ArgumentHelp(
        "A scenario parameter, key=value (repeatable), e.g. --param settle=12 --param threads=4 for threaded-churn.",
        valueName: "key=value"))
    var parameters: [ScenarioParameter] = []

    @OptionGroup var suite: SuiteOptions

    func validate() throws {
        try Catalog.check(try Catalog.scenario(scenario, in: try suite.workers()), variants: variant, parameters: parameters)
        try suite.checkBudgets(against: try Catalog.load(try suite.workers()), planned: [scenario])
    }

    func run() throws {
        let found = try Catalog.scenario(scenario, in: try suite.workers())
        let variants = variant.isEmpty ? found.variants.map(\.name) : variant
        let plan = RunPlan.Selection.fitting(found, variants: variants, sizes: [size?.value ?? found.defaultSize])
        for note in plan.notes { suite.note(note) }
        try suite.runSuite(try suite.plan(plan.selections, parameters: ScenarioParameter.byScenario(found.name, parameters)), scenarios: [found])
    }
}
