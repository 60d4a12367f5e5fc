import Foundation
import XCTest
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Reporting

/// report.md answers first (verdict table, one recommendation per scenario), both read from the
/// decisions made once with the report; the per-phase tables are in details.md, users' names
/// are text, and the allocator charts are drawn.
final class ReportAnswerTests: XCTestCase {
    func testFirstScreenHoldsTheVerdictTableAndARecommendationFromTheVerdicts() throws {
        let (report, results) = ReportFixtures.report()
        let charts = ReportCharts.make(report: report, results: results)
        let lines = MarkdownReport.render(report, charts: charts).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let firstScreen = lines.prefix(40)
        // The report's own Markdown is left alone (a blockquote stays one).
        XCTAssertTrue(lines.contains { $0.hasPrefix("> **Debug build:**") })
        XCTAssertTrue(firstScreen.contains("## Verdicts"), firstScreen.joined(separator: "\n"))
        XCTAssertTrue(firstScreen.contains { $0.hasPrefix("| load-all-vs-batched, 1,000 rows | fix: `batched` instead of `load-all`: peak −95 % (beyond noise) | keep glibc's default") },
                      firstScreen.joined(separator: "\n"))
        let advice = try XCTUnwrap(firstScreen.first { $0.hasPrefix("- **load-all-vs-batched, 1,000 rows**:") })
        // batched peaks at ~5 MiB against ~100 MiB for load-all: the fix, decided beyond noise.
        XCTAssertTrue(advice.contains("**Fix the code: `batched` instead of `load-all`**"), advice)
        XCTAssertTrue(advice.contains("beyond noise"), advice)
        XCTAssertTrue(advice.contains("*Answers:* a Swift job like this one"), advice)
        // jemalloc-preload ran the same figures as glibc: nothing to switch to.
        XCTAssertFalse(advice.contains("switch to"), advice)
    }

    /// One decision per scenario, made when the report is built: what the table, the advice and
    /// report.json's recommendations show.
    func testTheAnswerIsDecidedOnceWithTheReport() throws {
        let (report, _) = ReportFixtures.report()
        XCTAssertEqual(report.decisions.scenarios.map(\.scenario), ["load-all-vs-batched"])
        let decision = try XCTUnwrap(report.decisions.scenario("load-all-vs-batched"))
        XCTAssertEqual(decision.mainSize, 1000)
        let recommendation = try XCTUnwrap(decision.recommendation)
        XCTAssertEqual(recommendation.code?.action, .fixCode)
        XCTAssertEqual(recommendation.code?.variant, "batched")
        XCTAssertEqual(recommendation.code?.instead, "load-all")
        XCTAssertEqual(recommendation.allocator?.action, .keepDefault, "no configuration lowers a figure beyond noise")
        XCTAssertEqual(recommendation.allocator?.variant, "load-all")
        XCTAssertNil(recommendation.allocator?.configuration)
        XCTAssertEqual(report.recommendations.map(\.scenario), ["load-all-vs-batched"])
        // report.json carries the recommendations; a report read back decides the same again.
        let data = try JSONCoding.encoder(pretty: false).encode(report)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let written = try XCTUnwrap(json["recommendations"] as? [[String: Any]])
        XCTAssertEqual(written.count, 1)
        XCTAssertEqual((written[0]["code"] as? [String: Any])?["action"] as? String, "fixCode")
        let decoded = try ReportLoader.decode(data, path: "report.json")
        XCTAssertEqual(decoded.recommendations.first?.text, recommendation.text)
        XCTAssertEqual(MarkdownReport.render(decoded), MarkdownReport.render(report))
    }

    func testSingleRunsGetNoRecommendation() throws {
        let (report, _) = ReportFixtures.report(jitter: [0])
        let recommendation = try XCTUnwrap(report.decisions.scenarios.first?.recommendation)
        XCTAssertTrue(recommendation.notJudged)
        XCTAssertNil(recommendation.code)
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
        XCTAssertEqual(report.findings.map(\.kind), [.fix, .noDifference])
        for finding in report.findings { XCTAssertTrue(details.contains(finding.text), finding.text) }
    }

    func testUsersNamesAreTextNeverMarkup() throws {
        let (fixture, _) = ReportFixtures.report()
        let hostile = "x<img src=x onerror=alert(1)>"
        let rename = ["load-all": "a<b>", "batched": "c|d`e"]
        let results = fixture.runs.map { run -> RunResult in
            var run = run
            run.scenario = hostile
            run.variant = rename[run.variant] ?? run.variant
            run.allocator = run.allocator == "glibc" ? "glibc" : "je<script>"
            return run
        }
        let report = ReportFixtures.build(results, allocators: ["glibc", "je<script>"], scenarios: [])
        let compared = ReportComparison(base: report, head: report, metric: .peak, thresholdPercent: 5).markdown(basePath: "a", headPath: "b")
        for document in [MarkdownReport.render(report), MarkdownReport.renderDetails(report), compared] {
            XCTAssertTrue(document.contains("x&lt;img src=x onerror=alert(1)&gt;"))
            XCTAssertTrue(document.contains("je&lt;script&gt;"))
            var inFence = false
            var checked = 0
            for line in document.split(separator: "\n").map(String.init) {
                // A fenced block (the command to reproduce) shows its text as written.
                if line.hasPrefix("```") { inFence.toggle() }
                if inFence { continue }
                // Outside code spans (a run of backticks closed by a run as long) no tag but the
                // report's own collapsed sections.
                let text = line.replacingOccurrences(of: "(`+)[^`](.*?[^`])??\\1(?!`)", with: "", options: .regularExpression)
                    .replacingOccurrences(of: "</?(details|summary)>", with: "", options: .regularExpression)
                XCTAssertFalse(text.contains("<"), line)
                // A pipe inside a table cell is escaped; the row keeps its column count.
                if line.hasPrefix("|") && line.contains("c|d") { XCTFail("unescaped pipe: \(line)") }
                checked += 1
            }
            XCTAssertGreaterThan(checked, 5)
            // The name with a backtick is one code span, its pipe escaped for the table.
            XCTAssertTrue(document.contains("``c\\|d`e``"), document)
        }
    }

    func testAllocatorSensitiveScenariosGetOneLinePerConfigurationAndSweepsAChart() throws {
        let (plain, results) = ReportFixtures.report(allocators: ["glibc", "glibc-arenas-2", "jemalloc-preload"])
        let plainCharts = ReportCharts.make(report: plain, results: results)
        XCTAssertEqual(plainCharts.map(\.name), ["rss-load-all-vs-batched-1000.svg", "bars-load-all-vs-batched-1000.svg"],
                       "load-all-vs-batched is not allocator-sensitive")
        var report = plain
        report.scenarios = report.scenarios.map { scenario in
            var scenario = scenario
            if scenario.name == "load-all-vs-batched" { scenario.allocatorSensitive = true }
            return scenario
        }
        let charts = ReportCharts.make(report: report, results: results).filter { $0.name.hasPrefix(RssByConfigurationChart.prefix) }
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
        let swept = ReportFixtures.build(results + small.filter { $0.allocator == "glibc" }, plannedRuns: 0)
        let sweep = try XCTUnwrap(ReportCharts.make(report: swept, results: []).first { $0.name.hasPrefix(SweepChart.prefix) })
        XCTAssertTrue(sweep.svg.contains(">load-all<") && sweep.svg.contains(">batched<"))
        XCTAssertTrue(MarkdownReport.render(swept, charts: [sweep]).contains("![\(sweep.caption)](\(sweep.name))"))
    }
}
