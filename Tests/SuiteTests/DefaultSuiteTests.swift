import XCTest
import MemoryProbe
import Scenarios
@testable import BenchModel
@testable import Suite

/// What `bench all` runs, from the scenarios' own declarations (`SuiteDefaults`): made-up
/// scenarios for each rule, and the built-in catalog for what the suite ran before the choices
/// moved out of the CLI.
final class DefaultSuiteTests: XCTestCase {
    let names = ["glibc", "glibc-arenas-2", "jemalloc-preload", "tc"]
    var allocators: [AllocatorConfiguration] { names.map { AllocatorConfiguration(name: $0, summary: "", expectedKind: .glibc) } }

    func scenario(_ name: String, variants: [String] = ["pitfall", "fix"], hidden: Bool = false, sweep: ScenarioDescription.SweepSizes? = nil,
                  defaults: SuiteDefaults? = nil) -> ScenarioDescription {
        var scenario = ScenarioDescription(
            name: name, summary: "", sizeUnit: "rows", defaultSize: 1000, quickSize: 100, sweepSizes: sweep, isHidden: hidden,
            variants: variants.map { ScenarioVariant(name: $0, summary: "", phases: ["work"]) }, reportedPhases: ["work"], livePhase: "work",
            releasePhase: nil, verificationPhases: [], comparisons: [], figures: [], figuresByAllocator: false, parameters: [])
        scenario.suiteDefaults = defaults
        return scenario
    }

    func testEveryVisibleScenarioRunsEveryVariantUnderEveryChosenConfiguration() {
        let plan = DefaultSuite.plan(quick: false, allocators: allocators, scenarios: [scenario("a"), scenario("calibration", hidden: true)])
        XCTAssertEqual(plan.selections, [RunPlan.Selection(scenario: "a", variants: ["pitfall", "fix"], sizes: [1000])])
        XCTAssertEqual(plan.parameters, [:])
        XCTAssertEqual(plan.notes, [])
        let quick = DefaultSuite.plan(quick: true, allocators: allocators, scenarios: [scenario("a")])
        XCTAssertEqual(quick.selections.map(\.sizes), [[100]])
    }

    func testAScenarioLeavesVariantsOutAndSetsItsOwnParameters() {
        let defaults = SuiteDefaults(variantsLeftOut: ["slow"], parameters: ["settle": "3.0"], quickParameters: ["settle": "0.2"])
        let declared = scenario("a", variants: ["pitfall", "slow", "fix"], defaults: defaults)
        let plan = DefaultSuite.plan(quick: false, allocators: allocators, scenarios: [declared])
        XCTAssertEqual(plan.selections.map(\.variants), [["pitfall", "fix"]])
        XCTAssertEqual(plan.parameters, ["a": ["settle": "3.0"]])
        XCTAssertEqual(DefaultSuite.plan(quick: true, allocators: allocators, scenarios: [declared]).parameters, ["a": ["settle": "0.2"]])
    }

    func testAScenarioRunsUnderItsOwnConfigurationsThoseOfThemChosen() {
        let declared = scenario("soak", defaults: SuiteDefaults(allocators: ["jemalloc-preload", "glibc", "mimalloc"]))
        let plan = DefaultSuite.plan(quick: false, allocators: allocators, scenarios: [declared])
        XCTAssertEqual(plan.selections.map(\.allocatorNames), [["glibc", "jemalloc-preload"]], "in the chosen order, unchosen ones left out")
        let noneChosen = DefaultSuite.plan(quick: false, allocators: [allocators[3]], scenarios: [declared])
        XCTAssertEqual(noneChosen.selections.map(\.allocatorNames), [nil], "none of its own chosen: every chosen one")
    }

    func testTheSweepRunsUnderGlibcOrElseTheFirstConfigurationAtTheOtherSizes() {
        let swept = scenario("a", sweep: .init(suite: [300, 1000], quick: [30, 100]))
        let plan = DefaultSuite.plan(quick: false, allocators: allocators, scenarios: [swept])
        XCTAssertEqual(plan.selections, [RunPlan.Selection(scenario: "a", variants: ["pitfall", "fix"], sizes: [1000]),
                                         RunPlan.Selection(scenario: "a", variants: ["pitfall", "fix"], sizes: [300], allocatorNames: ["glibc"])])
        let withoutGlibc = DefaultSuite.plan(quick: true, allocators: Array(allocators.dropFirst()), scenarios: [swept])
        XCTAssertEqual(withoutGlibc.selections.last, RunPlan.Selection(scenario: "a", variants: ["pitfall", "fix"], sizes: [30], allocatorNames: ["glibc-arenas-2"]))
    }

    func testACappedVariantRunsAtItsMaximumWithANote() {
        var capped = scenario("a")
        capped.variants[0].maximumSize = 500
        capped.comparisons = [VariantComparison(pitfall: "pitfall", fix: "fix")]
        let plan = DefaultSuite.plan(quick: false, allocators: allocators, scenarios: [capped])
        XCTAssertEqual(plan.selections, [RunPlan.Selection(scenario: "a", variants: ["fix"], sizes: [1000]),
                                         RunPlan.Selection(scenario: "a", variants: ["pitfall", "fix"], sizes: [500])])
        XCTAssertEqual(plan.notes.count, 1)
    }

    func testALongTierScenarioRunsOnlyInBenchAllLongAndNeverInQuick() {
        let long = scenario("big", defaults: SuiteDefaults(allocators: ["glibc", "jemalloc-preload"], tier: .long))
        let scenarios = [scenario("a"), long]
        XCTAssertEqual(DefaultSuite.plan(quick: false, allocators: allocators, scenarios: scenarios).selections.map(\.scenario), ["a"])
        XCTAssertEqual(DefaultSuite.plan(quick: true, allocators: allocators, scenarios: scenarios).selections.map(\.scenario), ["a"])
        let withLong = DefaultSuite.plan(quick: false, long: true, allocators: allocators, scenarios: scenarios)
        XCTAssertEqual(withLong.selections, [RunPlan.Selection(scenario: "a", variants: ["pitfall", "fix"], sizes: [1000]),
                                             RunPlan.Selection(scenario: "big", variants: ["pitfall", "fix"], sizes: [1000],
                                                               allocatorNames: ["glibc", "jemalloc-preload"])])
        XCTAssertEqual(DefaultSuite.plan(quick: true, long: true, allocators: allocators, scenarios: scenarios).selections.map(\.scenario), ["a"],
                       "--quick never runs the long tier")
    }

    /// The choices `bench all` made in the CLI before the scenarios declared them.
    func testTheBuiltInScenariosDeclareWhatBenchAllRanBefore() throws {
        let scenarios = ScenarioCatalog.description.scenarios
        let eight = AllocatorConfiguration.builtIn().filter { AllocatorConfiguration.defaultNames.contains($0.name) }
        XCTAssertEqual(eight.count, 8)
        let full = DefaultSuite.plan(quick: false, allocators: eight, scenarios: scenarios)
        XCTAssertEqual(full.parameters, ["threaded-churn": ["threaded-settle": "3.0"]])
        XCTAssertEqual(DefaultSuite.plan(quick: true, allocators: eight, scenarios: scenarios).parameters, ["threaded-churn": ["settle": "0.2"]])
        let churn = full.selections.filter { $0.scenario == "threaded-churn" }
        XCTAssertEqual(churn.map(\.variants), [["threaded", "single-thread"]], "threaded-long-settle is asked for by name")
        // Issue 23: threaded-churn adds jemalloc-decay-1s, whose decay fits in its 3 s settle;
        // every other scenario then names the eight it runs, so the added one runs there alone.
        XCTAssertEqual(full.addedAllocators.map(\.name), ["jemalloc-decay-1s"])
        XCTAssertEqual(churn.map(\.allocatorNames), [eight.map(\.name) + ["jemalloc-decay-1s"]])
        let others = full.selections.filter { !["threaded-churn", "server-soak"].contains($0.scenario) }
        XCTAssertTrue(others.allSatisfy { $0.allocatorNames?.contains("jemalloc-decay-1s") == false }, "\(others)")
        XCTAssertEqual(DefaultSuite.plan(quick: true, allocators: eight, scenarios: scenarios).addedAllocators.count, 0,
                       "--quick settles 0.2 s: no decay fits, nothing is added")
        let soak = full.selections.filter { $0.scenario == "server-soak" }
        XCTAssertEqual(soak.map(\.allocatorNames), [["glibc", "glibc-arenas-2", "jemalloc-preload"]])
        let declaring = scenarios.filter { $0.suiteDefaults != nil }.map(\.name)
        XCTAssertEqual(declaring, ["threaded-churn", "server-soak", "thread-pool-bloat"], "every other scenario runs every variant under every configuration")
        let standard = scenarios.filter { !$0.isHidden && $0.name != "thread-pool-bloat" }.map(\.name)
        XCTAssertEqual(Set(full.selections.map(\.scenario)), Set(standard))
    }

    /// The positive control is the long tier: `bench all --long` adds it under the four
    /// configurations its claim is about, `bench all` and `--quick` leave it out.
    func testBenchAllLongAddsThePositiveControlAndBenchAllDoesNot() throws {
        let scenarios = ScenarioCatalog.description.scenarios
        let eight = AllocatorConfiguration.builtIn().filter { AllocatorConfiguration.defaultNames.contains($0.name) }
        let bloat = { (plan: DefaultSuite.Plan) in plan.selections.filter { $0.scenario == "thread-pool-bloat" } }
        XCTAssertEqual(bloat(DefaultSuite.plan(quick: false, allocators: eight, scenarios: scenarios)), [])
        XCTAssertEqual(bloat(DefaultSuite.plan(quick: true, allocators: eight, scenarios: scenarios)), [])
        XCTAssertEqual(bloat(DefaultSuite.plan(quick: true, long: true, allocators: eight, scenarios: scenarios)), [])
        let long = DefaultSuite.plan(quick: false, long: true, allocators: eight, scenarios: scenarios)
        XCTAssertEqual(bloat(long), [RunPlan.Selection(scenario: "thread-pool-bloat", variants: ["one-at-a-time", "all-at-once", "pinned"],
                                                       sizes: [2_000], allocatorNames: ["glibc", "glibc-arenas-2", "jemalloc-preload", "jemalloc-background"])])
        XCTAssertNil(long.parameters["thread-pool-bloat"], "it runs with its own defaults")
        XCTAssertEqual(Set(long.selections.map(\.scenario)), Set(scenarios.filter { !$0.isHidden }.map(\.name)))
        // The configuration that shows the cause runs when it is chosen too.
        let withCause = eight + AllocatorConfiguration.builtIn().filter { $0.name == "glibc-no-tcache" }
        XCTAssertEqual(bloat(DefaultSuite.plan(quick: false, long: true, allocators: withCause, scenarios: scenarios)).first?.allocatorNames,
                       ["glibc", "glibc-arenas-2", "jemalloc-preload", "jemalloc-background", "glibc-no-tcache"])
    }
}
