import Foundation
import XCTest
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Reporting

/// Issue 23: the allocator advice a service owner can act on. One recommendation per scenario,
/// rendered everywhere (the verdict table never names a configuration the advice does not);
/// every trade-off shown; "no figure higher" only when every other figure was decided; a control
/// is never recommended; settled figures compared only after the decay; a teardown sample never
/// reaches a verdict.
final class ReportAdviceTests: XCTestCase {
    let mib = 1_048_576

    /// Runs of load-all under `configuration`: peaks and after-release figures in MiB per run.
    func runs(_ configuration: String, peaks: [Int], releases: [Int]) -> [RunResult] {
        zip(peaks, releases).enumerated().map { index, figures in
            ReportFixtures.run("load-all", configuration, repetition: index + 1, peakMiB: figures.0, releaseMiB: figures.1, extraKiB: index * 64)
        }
    }

    /// The machine with these configurations proved (their settings are what the advice names).
    func environment(_ names: [String]) -> MachineFacts {
        var facts = ReportFixtures.environment()
        facts.allocators = AllocatorConfiguration.builtIn().filter { names.contains($0.name) }.map {
            AllocatorPreflight(configuration: $0, outcome: .verified, reason: nil, identity: nil, contendingThreads: 8,
                               arenasUnderContention: nil, proof: "fixture")
        }
        return facts
    }

    func report(_ results: [RunResult], configurations: [String], scenarios: [ScenarioDescription] = ScenarioFixtures.catalog) -> Report {
        ReportBuilder.build(runId: "advice", results: results, plannedRuns: results.count, elapsedSeconds: 1,
                            environment: environment(configurations), allocatorOrder: configurations, scenarios: scenarios)
    }

    /// glibc-arenas-2 lowers the peak and raises no figure beyond noise, but its after-release
    /// runs scatter above glibc's (undecided, worse direction); jemalloc-preload lowers the peak
    /// more but raises after release beyond noise.
    func tradeOffReport() -> Report {
        let configurations = ["glibc", "glibc-arenas-2", "jemalloc-preload"]
        let results = runs("glibc", peaks: [100, 100, 100], releases: [50, 50, 50])
            + runs("glibc-arenas-2", peaks: [90, 90, 90], releases: [50, 54, 58])
            + runs("jemalloc-preload", peaks: [70, 70, 70], releases: [65, 65, 65])
        return report(results, configurations: configurations)
    }

    func testTheTableAndTheAdviceNameTheSameConfigurationWithItsTradeOffs() throws {
        let report = tradeOffReport()
        let recommendation = try XCTUnwrap(report.recommendations.first)
        let allocator = try XCTUnwrap(recommendation.allocator)
        XCTAssertEqual(allocator.action, .capArenas)
        XCTAssertEqual(allocator.configuration, "glibc-arenas-2", "jemalloc-preload raises after release beyond noise")
        XCTAssertEqual(allocator.setting, ["MALLOC_ARENA_MAX": "2"])
        XCTAssertEqual(allocator.improves?.metric, .peak)
        XCTAssertEqual(allocator.tradeOffs.map(\.metric), [.afterRelease], "the undecided, higher after release is a trade-off")
        XCTAssertEqual(allocator.tradeOffs.first?.verdict, .undecided)

        let markdown = MarkdownReport.render(report)
        let row = try XCTUnwrap(markdown.split(separator: "\n").first { $0.hasPrefix("| load-all-vs-batched, 1,000 rows |") })
        XCTAssertTrue(row.contains("glibc-arenas-2"), String(row))
        XCTAssertFalse(row.contains("jemalloc"), "the table names only the configuration the advice names: \(row)")
        XCTAssertTrue(row.contains("after release"), "the trade-off is in the table: \(row)")
        XCTAssertTrue(recommendation.text.contains("what it may cost: after release"), recommendation.text)
        XCTAssertFalse(recommendation.text.contains("no other figure higher"), recommendation.text)
        XCTAssertTrue(recommendation.text.contains("`MALLOC_ARENA_MAX=2`"), recommendation.text)
    }

    /// Two arena caps both lower the peak beyond noise and raise nothing: the advice names the one
    /// that lowers most and the other beside it (twin suites named either, by noise).
    func testAnotherConfigurationThatAlsoQualifiesIsNamedBesideTheChoice() throws {
        let results = runs("glibc", peaks: [100, 100, 100], releases: [50, 50, 50])
            + runs("glibc-arenas-1", peaks: [75, 75, 75], releases: [50, 50, 50])
            + runs("glibc-arenas-2", peaks: [80, 80, 80], releases: [50, 50, 50])
        let report = report(results, configurations: ["glibc", "glibc-arenas-1", "glibc-arenas-2"])
        let allocator = try XCTUnwrap(report.recommendations.first?.allocator)
        XCTAssertEqual(allocator.configuration, "glibc-arenas-1")
        XCTAssertEqual(allocator.alsoLower.map(\.candidateConfiguration), ["glibc-arenas-2"])
        XCTAssertEqual(allocator.alsoLower.first?.metric, .peak)
        let text = try XCTUnwrap(report.recommendations.first?.text)
        XCTAssertTrue(text.contains("also lowering a figure beyond noise with none worse beyond noise: glibc-arenas-2 (peak −20 %)"), text)
        XCTAssertTrue(tradeOffReport().recommendations.first?.allocator?.alsoLower.isEmpty == true,
                      "jemalloc-preload raises after release beyond noise: not named beside glibc-arenas-2")
    }

    /// Property over every recommendation: no "no other figure higher" while one of its figures
    /// is worse or undecided; every figure worse beyond noise or undecided higher is listed.
    func testNoFigureHigherIsSaidOnlyWhenEveryOtherFigureWasDecided() throws {
        for report in [tradeOffReport(), ReportFixtures.report().0, ReportFixtures.report(jitter: [0, 40, 20], jitterKiB: 1024).0] {
            for recommendation in report.recommendations {
                for change in [recommendation.code, recommendation.allocator].compactMap({ $0 }) {
                    let open = change.others.filter { $0.verdict == .undecided || ($0.verdict == .beyondNoise && $0.candidateMedian > $0.referenceMedian) }
                    if change.text(in: recommendation).contains("no other figure higher") {
                        XCTAssertEqual(open.count, 0, recommendation.text)
                    }
                    let worse = change.others.filter { $0.candidateMedian > $0.referenceMedian && $0.verdict != .withinNoise && $0.verdict != .notJudged }
                    XCTAssertEqual(change.tradeOffs.map(\.metric), worse.map(\.metric), recommendation.text)
                }
            }
        }
    }

    func testAControlIsShownNeverRecommended() throws {
        var scenario = ScenarioFixtures.loadAllVsBatched
        scenario.comparisons = [.control("batched", of: "load-all")]
        var results: [RunResult] = []
        for repetition in 1...3 {
            results.append(ReportFixtures.run("load-all", "glibc", repetition: repetition, peakMiB: 100, releaseMiB: 80, extraKiB: repetition * 64))
            results.append(ReportFixtures.run("batched", "glibc", repetition: repetition, peakMiB: 5, releaseMiB: 4, extraKiB: repetition * 8))
        }
        let report = report(results, configurations: ["glibc"], scenarios: [scenario])
        let recommendation = try XCTUnwrap(report.recommendations.first)
        XCTAssertNil(recommendation.code, "a control is not a fix")
        XCTAssertEqual(recommendation.controls.map(\.referenceVariant), ["batched"])
        XCTAssertEqual(recommendation.controls.first?.verdict, .beyondNoise)
        XCTAssertFalse(recommendation.text.contains("Fix the code"), recommendation.text)
        XCTAssertTrue(recommendation.text.contains("is the control of `load-all`"), recommendation.text)
        XCTAssertEqual(report.findings.first { $0.kind == .control }?.variants, ["batched", "load-all"])
        XCTAssertNil(report.findings.first { $0.kind == .fix })
        let markdown = MarkdownReport.render(report)
        XCTAssertTrue(markdown.contains("| `load-all` against its control `batched`: peak 20.0× as much (beyond noise) (not advice) |"), markdown)
    }

    func testAlternativesAreWordedAsAChoiceNotAFix() throws {
        var scenario = ScenarioFixtures.loadAllVsBatched
        scenario.comparisons = [.alternatives("load-all", "batched")]
        let results = ReportFixtures.report().1.filter { $0.allocator == "glibc" }
        let report = report(results, configurations: ["glibc"], scenarios: [scenario])
        let recommendation = try XCTUnwrap(report.recommendations.first)
        XCTAssertEqual(recommendation.code?.action, .chooseAlternative)
        XCTAssertTrue(recommendation.text.contains("**Choose `batched` over `load-all`**"), recommendation.text)
        XCTAssertFalse(recommendation.text.contains("Fix the code"), recommendation.text)
        XCTAssertEqual(report.findings.first { $0.kind == .alternative }?.verdict, .beyondNoise)
    }

    func testASettleShorterThanTheDecayIsNotComparedSettled() throws {
        // jemalloc-background keeps freed pages 10 s; a 3 s settle reads it before its decay.
        let background = try XCTUnwrap(AllocatorConfiguration.builtIn().first { $0.name == "jemalloc-background" })
        let decayed = try XCTUnwrap(AllocatorConfiguration.builtIn().first { $0.name == "jemalloc-decay-1s" })
        XCTAssertEqual(background.idleDecaySeconds, 10)
        XCTAssertEqual(decayed.idleDecaySeconds, 1)
        XCTAssertEqual(AllocatorConfiguration.builtIn().first { $0.name == "glibc" }?.idleDecaySeconds, 0)

        func settled(_ configuration: String, settledMiB: Int) -> [RunResult] {
            (1...3).map { repetition in
                var run = ReportFixtures.run("load-all", configuration, repetition: repetition, peakMiB: 100, releaseMiB: 80, extraKiB: repetition * 64)
                run.record?.phases.append(.fixture("settle", start: 0.3, wallSeconds: 3.0, peakBytes: 80 * mib,
                                                   endBytes: settledMiB * mib + repetition * 65_536))
                return run
            }
        }
        let configurations = ["glibc", "jemalloc-background", "jemalloc-decay-1s"]
        let results = settled("glibc", settledMiB: 60) + settled("jemalloc-background", settledMiB: 90) + settled("jemalloc-decay-1s", settledMiB: 20)
        let report = report(results, configurations: configurations)
        let settledComparisons = report.comparisons.filter { $0.metric == .afterSettle && $0.kind == .allocator }
        XCTAssertEqual(settledComparisons.map(\.candidateConfiguration), ["jemalloc-decay-1s"])
        let line = try XCTUnwrap(report.findings.first { $0.kind == .allocator && $0.configurations?.contains("jemalloc-background") == true })
        XCTAssertTrue(line.text.contains("settled not compared (its 10 s decay outlasts the 3.0 s settle)"), line.text)
    }

    func testATeardownSampleNeverReachesAVerdict() throws {
        // Two runs of the release figure read at exit, one a teardown sample: only two values.
        var results = ReportFixtures.report(allocators: ["glibc"]).1.filter { $0.variant == "load-all" }
        let last = try XCTUnwrap(results.indices.last)
        if let index = results[last].record?.phases.firstIndex(where: { $0.name == "release" }) {
            results[last].record?.phases[index].end = .teardownSample
        }
        let plan = ComparisonPlan(report: report(results, configurations: ["glibc"]))
        let key = CellKey(scenario: "load-all-vs-batched", variant: "load-all", allocator: "glibc", size: 1000)
        XCTAssertEqual(plan.values[key]?[.afterRelease]?.count, results.count - 1)
        XCTAssertEqual(plan.values[key]?[.peak]?.count, results.count)
    }
}

private extension Recommendation.Change {
    /// This change's own sentence within the recommendation's text.
    func text(in recommendation: Recommendation) -> String {
        Recommendation.sentence(self, lead: false)
    }
}
