import ArgumentParser
import BenchModel
import Suite
import Exec
import Doctor
import MemoryProbe

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario's variants at several sizes and fit how each one's peak grows with the size.",
        discussion: """
            Every variant runs at every size (under each chosen allocator configuration, --runs \
            times). The report has the usual table per size and a "Size sweep" section: per \
            variant, the least-squares slope of peak RSS over baseline in bytes per row (or \
            record), the fit's R², and a verdict: "grows with N" or "flat (within ±X MiB …)".

            Examples:
              bench sweep load-all-vs-batched --sizes 10k,100k,1M --allocators glibc
              bench sweep caches --sizes 20k,60k,200k --runs 2
              bench sweep string-building --sizes 10k,30k,100k --variant concat --variant stream --allocators glibc
            """)

    @Argument(help: "The scenario (see `bench list`).")
    var scenario: String

    @Option(name: .long, help: ArgumentHelp("Sizes, comma-separated (at least two different ones), e.g. 10k,100k,1M.", valueName: "sizes"))
    var sizes: String

    @Option(name: .long, help: "Only this variant (repeatable; default: every variant).")
    var variant: [String] = []

    @Option(name: .customLong("param"), help: ArgumentHelp("A scenario parameter, key=value (repeatable).", valueName: "key=value"))
    var parameters: [ScenarioParameter] = []

    @OptionGroup var suite: SuiteOptions

    /// The sizes, each once, in increasing order.
    func parsedSizes() throws -> [Int] { try Self.sizes(sizes) }

    /// `--sizes 10k,100k,1M`: at least two different positive sizes, each once, in increasing order.
    static func sizes(_ text: String) throws -> [Int] {
        let values = try text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { word in
            guard let count = Count(argument: word) else {
                throw ValidationError("--sizes: '\(word)' is not a positive size (e.g. 10000, 10k, 1M)")
            }
            return count.value
        }.uniqued()
        guard values.count >= 2 else { throw ValidationError("--sizes needs at least two different sizes to fit a growth, e.g. 10k,100k,1M") }
        return values.sorted()
    }

    func validate() throws {
        try Catalog.check(try Catalog.scenario(scenario, in: try suite.workers()), variants: variant, parameters: parameters)
        try suite.checkBudgets(against: try Catalog.load(try suite.workers()), planned: [scenario])
        _ = try parsedSizes()
    }

    func run() throws {
        let found = try Catalog.scenario(scenario, in: try suite.workers())
        let variants = variant.isEmpty ? found.variants.map(\.name) : variant
        let plan = RunPlan.Selection.fitting(found, variants: variants, sizes: try parsedSizes())
        for note in plan.notes { suite.note(note) }
        try suite.runSuite(try suite.plan(plan.selections, parameters: ScenarioParameter.byScenario(found.name, parameters)), scenarios: [found])
    }
}
