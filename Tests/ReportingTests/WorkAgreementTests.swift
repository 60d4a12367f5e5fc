import XCTest
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Reporting

/// Equal work is proved by default: every check must agree between the cells a report
/// compares, unless recorded informational; a mismatch leaves the comparison out with one line.
final class WorkAgreementTests: XCTestCase {
    /// load-all-vs-batched under glibc and jemalloc-preload, three runs a cell, each recording
    /// `checks(variant, configuration)` (records of the rule: `informational` listed, maybe empty).
    func report(informational: [String]? = [], _ checks: (String, String) -> [String: Int]) -> Report {
        var results: [RunResult] = []
        for repetition in 1...3 {
            for allocator in ["glibc", "jemalloc-preload"] {
                for (variant, peak) in [("load-all", 100), ("batched", 5), ("cursor", 4)] {
                    var run = ReportFixtures.run(variant, allocator, repetition: repetition, peakMiB: peak + repetition % 2, releaseMiB: 2)
                    run.record?.checks = checks(variant, allocator)
                    run.record?.informationalChecks = informational
                    results.append(run)
                }
            }
        }
        return ReportFixtures.build(results, allocators: ["glibc", "jemalloc-preload"])
    }

    func fixPairs(_ report: Report) -> Set<String> {
        Set(report.comparisons.filter { $0.kind == .fix }.map { "\($0.referenceVariant)→\($0.candidateVariant) \($0.referenceConfiguration)" })
    }

    func testVariantsThatRecordDifferentWorkAreNotComparedAndSaySoInOneLine() throws {
        let report = report { variant, _ in ["rows": variant == "batched" ? 999 : 1000, "millis": 3] }
        XCTAssertEqual(report.differentWork.count, 1)
        let mismatch = try XCTUnwrap(report.differentWork.first)
        XCTAssertEqual(mismatch.variants, ["load-all", "batched"])
        XCTAssertEqual(mismatch.configurations, ["glibc", "jemalloc-preload"])
        XCTAssertEqual(report.sentence(mismatch),
                       "load-all-vs-batched: `load-all` and `batched` did different work at 1,000 rows: rows 1000 vs 999; no verdict is made between them.")
        XCTAssertEqual(fixPairs(report), ["load-all→cursor glibc", "load-all→cursor jemalloc-preload"])
        XCTAssertFalse(report.comparisons.contains { !report.didSameWork($0) })
        // Allocator comparisons within each variant stay: every variant's own runs agree.
        XCTAssertEqual(Set(report.comparisons.filter { $0.kind == .allocator }.map(\.referenceVariant)), ["load-all", "batched", "cursor"])
        let finding = try XCTUnwrap(report.findings.first { $0.kind == .outputMismatch })
        XCTAssertEqual(finding.variants, ["load-all", "batched"])
        XCTAssertEqual(report.findings.filter { $0.kind == .outputMismatch }.count, 1)
        // One line on the first screen, before the answer, and not again in the findings.
        let markdown = MarkdownReport.render(report)
        let line = "> - load-all-vs-batched: `load-all` and `batched` did different work at 1,000 rows: rows 1000 vs 999; no verdict is made between them."
        XCTAssertEqual(markdown.components(separatedBy: "did different work").count, 2, markdown)
        let at = try XCTUnwrap(markdown.range(of: line), markdown)
        XCTAssertLessThan(at.lowerBound, try XCTUnwrap(markdown.range(of: "## Verdicts")).lowerBound)
    }

    func testInformationalChecksAndChecksOneSideRecordsMayDiffer() {
        let report = report(informational: ["millis"]) { variant, allocator in
            var checks = ["rows": 1000, "millis": variant.count + (allocator == "glibc" ? 0 : 7)]
            if variant == "load-all" { checks["modelObjects"] = 1000 }
            return checks
        }
        XCTAssertTrue(report.differentWork.isEmpty, "\(report.differentWork)")
        XCTAssertEqual(fixPairs(report).count, 4)
    }

    func testOneVariantsRunsThatDisagreeAcrossConfigurationsAreNotComparedThere() throws {
        let report = report { variant, allocator in ["rows": variant == "batched" && allocator == "jemalloc-preload" ? 999 : 1000] }
        XCTAssertEqual(report.differentWork.map(\.variants), [["load-all", "batched"], ["batched"]])
        XCTAssertEqual(report.differentWork.first?.configurations, ["jemalloc-preload"], "the pair agrees under glibc")
        XCTAssertEqual(report.differentWork.map(report.sentence), [
            "load-all-vs-batched: `load-all` and `batched` did different work at 1,000 rows: rows 1000 vs 999 (under jemalloc-preload); no verdict is made between them.",
            "load-all-vs-batched: the runs of `batched` did different work at 1,000 rows: rows 1000 (glibc) vs 999 (jemalloc-preload); its allocator comparisons between runs that disagree are left out.",
        ])
        XCTAssertEqual(fixPairs(report), ["load-all→batched glibc", "load-all→cursor glibc", "load-all→cursor jemalloc-preload"])
        XCTAssertEqual(Set(report.comparisons.filter { $0.kind == .allocator }.map(\.referenceVariant)), ["load-all", "cursor"])
    }

    func testRecordsFromBeforeTheRuleAreHeldToMustAgreeFiguresOnly() {
        // load-all-vs-batched declares no mustAgree figure: old records' checks prove nothing.
        let report = report(informational: nil) { variant, _ in ["rows": variant == "batched" ? 999 : 1000] }
        XCTAssertTrue(report.differentWork.isEmpty)
        XCTAssertEqual(fixPairs(report).count, 4)
    }

    func testReportJSONCarriesTheMismatchesAndReadsThemBack() throws {
        let report = report { variant, _ in ["rows": variant == "batched" ? 999 : 1000] }
        let data = try JSONCoding.encoder(pretty: false).encode(report)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let recorded = try XCTUnwrap(object["differentWork"] as? [[String: Any]])
        XCTAssertEqual(recorded.first?["variants"] as? [String], ["load-all", "batched"])
        let decoded = try JSONDecoder().decode(Report.self, from: data)
        XCTAssertEqual(decoded.differentWork, report.differentWork)
    }
}
