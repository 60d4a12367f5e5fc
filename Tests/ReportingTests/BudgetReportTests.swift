import XCTest
import MemoryProbe
import Statistics
import TestSupport
@testable import BenchModel
@testable import Reporting

/// Budgets in the report: checked in every cell they apply to, exceeded only beyond noise, shown
/// on the first screen, carried by report.json.
final class BudgetReportTests: XCTestCase {
    static let mib = Fixtures.mib

    /// load-all (peak ≈ 100 MiB, release 80) and batched (≈ 5 MiB, release 4) under glibc and
    /// jemalloc-preload, three runs a cell, with `budgets` declared in code and `commandLine`'s.
    func report(budgets: [Budget], commandLine: [Budget] = [], runs: Int = 3, counted: Bool = false) -> Report {
        var results: [RunResult] = []
        let allocators = ["glibc", "jemalloc-preload"] + (counted ? ["glibc+count"] : [])
        for repetition in 1...runs {
            for allocator in allocators {
                results.append(ReportFixtures.run("load-all", allocator, repetition: repetition, peakMiB: 100 + repetition % 2, releaseMiB: 80))
                var batched = ReportFixtures.run("batched", allocator, repetition: repetition, peakMiB: 5, releaseMiB: 4)
                if allocator.hasSuffix("+count") {
                    batched.record?.phases[0].allocations = AllocationCounts(mallocs: 1_000 + repetition, frees: 0, reallocs: 0, bytesRequested: 0)
                }
                results.append(batched)
            }
        }
        var scenario = ScenarioFixtures.loadAllVsBatched
        scenario.budgets = budgets
        return ReportBuilder.build(runId: "t", results: results, plannedRuns: results.count, elapsedSeconds: 1,
                                   environment: Fixtures.machine, allocatorOrder: allocators, scenarios: [scenario],
                                   budgets: commandLine.isEmpty ? [:] : [scenario.name: commandLine])
    }

    func verdicts(_ report: Report) -> [String: LimitVerdict.Kind] {
        Dictionary(uniqueKeysWithValues: report.budgets.map { ("\($0.variant) \($0.metric.rawValue) \($0.configuration ?? "-")", $0.verdict) })
    }

    func testEachBudgetIsExceededMetOrUndecidedInEveryCell() throws {
        let report = report(budgets: [
            Budget(metric: .peak, limit: 8 * Self.mib, variant: "load-all"),      // exceeded by far
            Budget(metric: .peak, limit: 64 * Self.mib, variant: "batched"),      // met
            Budget(metric: .afterRelease, limit: 4 * Self.mib, variant: "batched"), // at the figure: undecided
        ])
        XCTAssertEqual(verdicts(report), [
            "load-all peak glibc": .exceeded, "load-all peak jemalloc-preload": .exceeded,
            "batched peak glibc": .met, "batched peak jemalloc-preload": .met,
            "batched afterRelease glibc": .undecided, "batched afterRelease jemalloc-preload": .undecided,
        ])
        XCTAssertEqual(report.budgetsExceeded.count, 2)
        let exceeded = try XCTUnwrap(report.budgets.first)
        XCTAssertEqual(exceeded.median ?? 0, Double(100 * Self.mib), accuracy: Double(Self.mib))
        let statistics = try XCTUnwrap(exceeded.statistics)
        XCTAssertTrue(try XCTUnwrap(exceeded.interval).contains(statistics.limit + statistics.excess), "the interval holds the mean")
        XCTAssertTrue(report.sentence(exceeded).hasPrefix("load-all-vs-batched/load-all, 1,000 rows, peak ≤ 8 MiB under glibc: +101.0 MiB, interval"),
                      report.sentence(exceeded))
    }

    func testTheFirstScreenShowsEveryBudgetRightAfterTheAnswer() throws {
        let report = report(budgets: [Budget(metric: .peak, limit: 8 * Self.mib, variant: "load-all"),
                                      Budget(metric: .afterRelease, limit: 4 * Self.mib, variant: "batched")])
        let markdown = MarkdownReport.render(report)
        let budgets = try XCTUnwrap(markdown.range(of: "## Budgets"))
        XCTAssertLessThan(try XCTUnwrap(markdown.range(of: "**What to do**")).lowerBound, budgets.lowerBound)
        XCTAssertLessThan(budgets.lowerBound, try XCTUnwrap(markdown.range(of: "## Findings")).lowerBound)
        XCTAssertTrue(markdown.contains("- load-all-vs-batched `load-all`, 1,000 rows, peak ≤ 8 MiB: **exceeded** under glibc (+101.0 MiB, interval"), markdown)
        XCTAssertTrue(markdown.contains("- load-all-vs-batched `batched`, 1,000 rows, after release ≤ 4 MiB: *undecided* under glibc (+4.0 MiB"), markdown)
        // Exceeded lines come first.
        let lines = markdown.components(separatedBy: "\n").filter { $0.hasPrefix("- load-all-vs-batched `") }
        XCTAssertEqual(lines.map { $0.contains("**exceeded**") }, [true, false])
    }

    func testACommandLineBudgetReplacesTheCodesOfItsMetric() {
        let code = [Budget(metric: .peak, limit: 8 * Self.mib), Budget(metric: .afterRelease, limit: 90 * Self.mib)]
        let report = report(budgets: code, commandLine: [Budget(metric: .peak, limit: 200 * Self.mib, variant: "load-all")])
        let scenario = report.scenarios[0]
        XCTAssertEqual(scenario.budgets(for: "load-all").map(\.limit), [200 * Self.mib, 90 * Self.mib], "its own beats every variant's")
        XCTAssertEqual(scenario.budgets(for: "batched").map(\.limit), [8 * Self.mib, 90 * Self.mib])
        XCTAssertEqual(verdicts(report)["load-all peak glibc"], .met)
        XCTAssertEqual(verdicts(report)["batched peak glibc"], .met)
        // A command-line budget for every variant replaces the code's for each of them.
        let every = self.report(budgets: [Budget(metric: .peak, limit: 8 * Self.mib, variant: "batched")],
                                commandLine: [Budget(metric: .peak, limit: 1 * Self.mib)])
        XCTAssertEqual(every.scenarios[0].budgets, [Budget(metric: .peak, limit: 1 * Self.mib)])
    }

    func testSingleRunsAreNotJudgedAndSaySo() throws {
        let report = report(budgets: [Budget(metric: .peak, limit: 8 * Self.mib, variant: "load-all")], runs: 1)
        XCTAssertEqual(Set(report.budgets.map(\.verdict)), [.notJudged])
        XCTAssertTrue(try XCTUnwrap(report.budgets.first?.note).contains("--runs 3"))
        XCTAssertTrue(report.budgetsExceeded.isEmpty)
    }

    func testAllocationBudgetsAreCheckedInCountedCellsOnly() {
        let counted = report(budgets: [Budget(metric: .allocations, limit: 1_002, variant: "batched"),
                                       Budget(metric: .peak, limit: 64 * Self.mib, variant: "batched")], counted: true)
        XCTAssertEqual(verdicts(counted)["batched allocations glibc+count"], .undecided, "1,001 to 1,003 mallocs against 1,002")
        XCTAssertNil(verdicts(counted)["batched peak glibc+count"], "a counted run's RSS carries the counter")
        XCTAssertEqual(verdicts(counted)["batched peak glibc"], .met)
        let uncounted = report(budgets: [Budget(metric: .allocations, limit: 1_002, variant: "batched")])
        XCTAssertEqual(uncounted.budgets.map(\.verdict), [.notJudged])
        XCTAssertEqual(uncounted.budgets.first?.note, "allocations are counted only in counted runs: run with --count")
    }

    func testReportJSONCarriesEveryCheck() throws {
        let report = report(budgets: [Budget(metric: .peak, limit: 8 * Self.mib, variant: "load-all")])
        let data = try JSONCoding.encoder(pretty: false).encode(report)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let budgets = try XCTUnwrap(object["budgets"] as? [[String: Any]])
        XCTAssertEqual(budgets.count, 2)
        let first = try XCTUnwrap(budgets.first)
        for key in ["scenario", "variant", "configuration", "size", "metric", "limit", "median", "interval", "verdict", "statistics"] {
            XCTAssertNotNil(first[key], "budgets[0] lacks \(key)")
        }
        XCTAssertEqual(first["verdict"] as? String, "exceeded")
        XCTAssertEqual(first["limit"] as? Int, 8 * Self.mib)
        let decoded = try JSONDecoder().decode(Report.self, from: data)
        XCTAssertEqual(decoded.budgets.map(\.verdict), report.budgets.map(\.verdict))
    }
}
