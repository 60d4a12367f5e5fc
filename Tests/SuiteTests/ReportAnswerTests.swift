import Foundation
import XCTest
import Scenarios
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Reporting

/// report.md answers first (verdict table, one recommendation per scenario), keeps the
/// per-phase tables in details.md, prints users' names as text, and draws the allocator charts.
final class ReportAnswerTests: XCTestCase {
    func testFirstScreenHoldsTheVerdictTableAndARecommendationFromTheVerdicts() throws {
        let (report, results) = ReportFixtures.report()
        let charts = ReportCharts.make(report: report, results: results)
        let lines = MarkdownReport.render(report, charts: charts).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let firstScreen = lines.prefix(40)
        // The escaping leaves the report's own Markdown alone (a blockquote stays one).
        XCTAssertTrue(lines.contains { $0.hasPrefix("> **Debug build:**") })
        XCTAssertTrue(firstScreen.contains("## Verdicts"), firstScreen.joined(separator: "\n"))
        XCTAssertTrue(firstScreen.contains { $0.hasPrefix("| load-all-vs-batched, 1,000 rows |") })
        let advice = try XCTUnwrap(firstScreen.first { $0.hasPrefix("- **load-all-vs-batched, 1,000 rows**:") })
        // batched peaks at ~5 MiB against ~100 MiB for load-all: the fix, decided beyond noise.
        XCTAssertTrue(advice.contains("**Fix the code**: `batched` instead of `load-all`"), advice)
        XCTAssertTrue(advice.contains("beyond noise"), advice)
        XCTAssertTrue(advice.contains("*Caveat:* measured in a Swift worker"), advice)
        // jemalloc-preload ran the same figures as glibc: nothing to switch to.
        XCTAssertFalse(advice.contains("switch to"), advice)
        let recommendation = try XCTUnwrap(Recommendation.derive(from: report).first)
        XCTAssertEqual(recommendation.actions, [.fixCode(fix: "batched", pitfall: "load-all")])
    }

    func testSingleRunsGetNoRecommendation() throws {
        let (report, _) = ReportFixtures.report(jitter: [0])
        let recommendation = try XCTUnwrap(Recommendation.derive(from: report).first)
        XCTAssertEqual(recommendation.actions, [])
        XCTAssertTrue(recommendation.text.hasPrefix("**Not judged**"), recommendation.text)
    }

    func testPhaseTablesLiveInTheDetailsFileLinkedFromTheReport() {
        let (report, results) = ReportFixtures.report()
        let charts = ReportCharts.make(report: report, results: results)
        let main = MarkdownReport.render(report, charts: charts)
        let details = MarkdownReport.renderDetails(report, charts: charts)
        XCTAssertFalse(main.contains("Phase by phase"))
        XCTAssertTrue(details.contains("<details><summary>Phase by phase (medians over runs)</summary>"))
        XCTAssertTrue(main.contains("[details.md](details.md)"))
        // Every finding, in full, is in the details file.
        for finding in report.findings { XCTAssertTrue(details.contains(finding.text), finding.text) }
    }

    func testUsersNamesAreTextNeverMarkup() throws {
        let (fixture, _) = ReportFixtures.report()
        let hostile = "x<img src=x onerror=alert(1)>"
        let rename = ["load-all": "a<b>", "batched": "c|d"]
        let results = fixture.runs.map { run -> RunResult in
            var run = run
            run.scenario = hostile
            run.variant = rename[run.variant] ?? run.variant
            run.allocator = run.allocator == "glibc" ? "glibc" : "je<script>"
            return run
        }
        let report = ReportBuilder.build(runId: "names", results: results, plannedRuns: results.count, elapsedSeconds: 1,
                                         environment: ReportFixtures.environment(), allocatorOrder: ["glibc", "je<script>"], scenarios: [])
        let compared = ReportComparison(base: report, head: report, metric: .peak, thresholdPercent: 5).markdown(basePath: "a", headPath: "b")
        for document in [MarkdownReport.render(report), MarkdownReport.renderDetails(report), compared] {
            XCTAssertTrue(document.contains("x&lt;img src=x onerror=alert(1)&gt;"))
            var inFence = false
            for line in document.split(separator: "\n").map(String.init) {
                // A fenced block (the command to reproduce) shows its text as written.
                if line.hasPrefix("```") { inFence.toggle() }
                if inFence { continue }
                // Outside code spans no tag but the report's own collapsed sections.
                let text = line.replacingOccurrences(of: "`[^`]*`", with: "", options: .regularExpression)
                    .replacingOccurrences(of: "</?(details|summary)>", with: "", options: .regularExpression)
                XCTAssertFalse(text.contains("<"), line)
                // A pipe inside a table cell is escaped; the row keeps its column count.
                if line.hasPrefix("|") && line.contains("c|d") { XCTFail("unescaped pipe: \(line)") }
            }
            XCTAssertTrue(document.contains("`c\\|d`"))
        }
    }

    func testCodeSpansHoldAnyName() {
        XCTAssertEqual(MarkdownReport.code("plain"), "`plain`")
        XCTAssertEqual(MarkdownReport.code("a`b"), "``a`b``")
        XCTAssertEqual(MarkdownReport.code("`x"), "`` `x ``")
        // A name that closes its own code span cannot smuggle a tag out of it.
        XCTAssertEqual(MarkdownReport.escapeHTMLOutsideCode("`a`<b>`"), "`a`&lt;b&gt;`")
        XCTAssertEqual(MarkdownReport.escapeHTMLOutsideCode("x & `<y>`"), "x &amp; `<y>`")
    }

    func testAllocatorSensitiveScenariosGetOneLinePerConfigurationAndSweepsAChart() throws {
        let (plain, results) = ReportFixtures.report(allocators: ["glibc", "glibc-arenas-2", "jemalloc-preload"])
        XCTAssertTrue(ReportCharts.make(report: plain, results: results).allSatisfy { !$0.name.hasPrefix(ReportCharts.byConfigurationPrefix) },
                      "load-all-vs-batched is not allocator-sensitive")
        var report = plain
        report.scenarios = report.scenarios.map { scenario in
            var scenario = scenario
            if scenario.name == "load-all-vs-batched" { scenario.allocatorSensitive = true }
            return scenario
        }
        let charts = ReportCharts.make(report: report, results: results).filter { $0.name.hasPrefix(ReportCharts.byConfigurationPrefix) }
        XCTAssertEqual(charts.map(\.name), ["rss-by-configuration-load-all-vs-batched-load-all-1000.svg",
                                            "rss-by-configuration-load-all-vs-batched-batched-1000.svg"])
        for configuration in ["glibc", "glibc-arenas-2", "jemalloc-preload"] {
            XCTAssertTrue(charts[0].svg.contains(">\(configuration)<"), "legend misses \(configuration)")
        }

        // Two sizes make a sweep: one chart, one line per variant.
        let small = results.map { run -> RunResult in
            var run = run
            run.size = 500
            run.record?.size = 500
            return run
        }
        let swept = ReportBuilder.build(runId: "sweep", results: results + small.filter { $0.allocator == "glibc" }, plannedRuns: 0, elapsedSeconds: 1,
                                        environment: ReportFixtures.environment(), allocatorOrder: ["glibc"], scenarios: ScenarioCatalog.description.scenarios)
        let sweep = try XCTUnwrap(ReportCharts.make(report: swept, results: []).first { $0.name.hasPrefix(ReportCharts.sweepPrefix) })
        XCTAssertTrue(sweep.svg.contains(">load-all<") && sweep.svg.contains(">batched<"))
        XCTAssertTrue(MarkdownReport.render(swept, charts: [sweep]).contains("![\(sweep.caption)](\(sweep.name))"))
    }

    func testThreadedChurnIsAllocatorSensitiveAndOldCatalogsDecode() throws {
        let catalog = ScenarioCatalog.description
        XCTAssertEqual(catalog.scenario(named: "threaded-churn")?.allocatorSensitive, true)
        XCTAssertEqual(catalog.scenario(named: "load-all-vs-batched")?.allocatorSensitive, false)
        // A catalog written before the field existed.
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(catalog.scenario(named: "threaded-churn"))) as! [String: Any]
        json.removeValue(forKey: "allocatorSensitive")
        let old = try JSONDecoder().decode(ScenarioDescription.self, from: JSONSerialization.data(withJSONObject: json))
        XCTAssertFalse(old.allocatorSensitive)
        XCTAssertEqual(old.name, "threaded-churn")
    }

    func testSettleDefaultIsStatedFromTheCode() throws {
        let threaded = try XCTUnwrap(ScenarioCatalog.description.scenario(named: "threaded-churn"))
        let value = ThreadedChurn.defaultSettleSeconds
        let stated = "(default \(value == value.rounded() ? String(Int(value)) : String(value))"
        XCTAssertTrue(threaded.summary.contains("`--param settle=S` seconds \(stated)"), threaded.summary)
        XCTAssertTrue(threaded.parameters.first { $0.key == "settle" }?.summary.contains(stated) == true)
    }
}
