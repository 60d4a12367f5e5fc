import Foundation
import XCTest
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Reporting

/// The path from run results to report.json and report.md, on synthetic runs.
final class ResultsToReportTests: XCTestCase {
    static let mib = Fixtures.mib

    func run(_ variant: String, _ allocator: String, repetition: Int, peakMiB: Int, releaseMiB: Int,
             status: RunResult.Status = .ok, reason: String? = nil) -> RunResult {
        ReportFixtures.run(variant, allocator, repetition: repetition, peakMiB: peakMiB, releaseMiB: releaseMiB, status: status, reason: reason)
    }

    func testReportSummarisesCellsAndCallsSeparatedRangesBeyondNoise() throws {
        var results: [RunResult] = []
        for (repetition, jitter) in [(1, 0), (2, 2), (3, 1)] {
            results.append(run("load-all", "glibc", repetition: repetition, peakMiB: 100 + jitter, releaseMiB: 80))
            results.append(run("batched", "glibc", repetition: repetition, peakMiB: 5 + jitter, releaseMiB: 4))
        }
        results.append(run("cursor", "glibc", repetition: 1, peakMiB: 0, releaseMiB: 0, status: .failed, reason: "worker exit status 1"))
        let report = ReportFixtures.build(results, plannedRuns: 9)
        XCTAssertEqual(report.schemaVersion, Report.currentSchemaVersion)
        XCTAssertTrue(report.partial)
        let loadAll = try XCTUnwrap(report.cell("load-all-vs-batched", "load-all", "glibc", 1000))
        XCTAssertEqual(loadAll.okRuns, 3)
        XCTAssertEqual(loadAll.peakOverBaselineBytes?.median, Double(101 * Self.mib))
        XCTAssertEqual(loadAll.rssAfterPhaseOverBaselineBytes["release"]?.median, Double(80 * Self.mib))
        let cursor = try XCTUnwrap(report.cell("load-all-vs-batched", "cursor", "glibc", 1000))
        XCTAssertEqual(cursor.status, .failed)
        XCTAssertEqual(cursor.reasons, ["worker exit status 1"])

        let batchedFinding = try XCTUnwrap(report.findings.first { $0.text.contains("`batched` peaks") })
        XCTAssertTrue(batchedFinding.beyondNoise)
        XCTAssertTrue(batchedFinding.text.contains("vs +101.0 MiB for `load-all` under glibc (−94 %"), batchedFinding.text)

        let markdown = MarkdownReport.render(report)
        XCTAssertTrue(markdown.contains("## Findings"))
        let details = MarkdownReport.renderDetails(report)
        XCTAssertTrue(details.contains("| `load-all` | glibc | 20.0 MiB | +101.0 MiB |"), details)
        XCTAssertTrue(markdown.contains("## Failed and skipped runs"))
        XCTAssertTrue(markdown.contains("| load-all-vs-batched | cursor | glibc | 1,000 | 1 failed | worker exit status 1 |"), markdown)
        XCTAssertTrue(details.contains("<details><summary>Phase by phase"))
        XCTAssertTrue(markdown.contains("Partial report"))

        let json = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(Report.self, from: json)
        XCTAssertEqual(decoded.cells.count, report.cells.count)
    }

    /// One run per cell has no spread: the fix is compared, said not judged, and never called a win.
    func testSingleRunsAreNeverCalledAWin() throws {
        let results = [run("load-all", "glibc", repetition: 1, peakMiB: 100, releaseMiB: 80),
                       run("batched", "glibc", repetition: 1, peakMiB: 5, releaseMiB: 4)]
        let report = ReportFixtures.build(results)
        XCTAssertEqual(report.findings.map(\.kind), [.note, .fix])
        XCTAssertTrue(report.findings[0].text.hasPrefix("Every cell has a single run"), report.findings[0].text)
        let fix = report.findings[1]
        XCTAssertEqual(fix.verdict, .notJudged)
        XCTAssertTrue(fix.text.contains("not judged: no spread known"), fix.text)
        XCTAssertFalse(report.findings.contains { $0.beyondNoise })
        // The fix under glibc on every figure: peak, after release, wall time; none judged.
        XCTAssertEqual(report.comparisons.map(\.metric), [.peak, .afterRelease, .wallTime])
        XCTAssertEqual(Set(report.comparisons.map(\.verdict.kind)), [.notJudged])
    }
}
