import XCTest
import Scenarios
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Doctor
@testable import Reporting

/// The path from results.jsonl to report.json and report.md, on synthetic runs.
final class ResultsToReportTests: XCTestCase {
    static let mib = 1_048_576

    func run(_ variant: String, _ allocator: String, repetition: Int, peakMiB: Int, releaseMiB: Int,
             status: RunResult.Status = .ok, reason: String? = nil) -> RunResult {
        ReportFixtures.run(variant, allocator, repetition: repetition, peakMiB: peakMiB, releaseMiB: releaseMiB, status: status, reason: reason)
    }

    func environment() -> MachineFacts {
        MachineFacts.collect(commandLine: "bench test", buildConfiguration: "debug", allocators: [])
    }

    func testResultsFileRoundTripsAndSkipsAPartialLastLine() throws {
        let path = NSTemporaryDirectory() + "results-\(getpid())-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = ResultsFile(path: path)
        try file.append(run("load-all", "glibc", repetition: 1, peakMiB: 100, releaseMiB: 80))
        try file.append(run("batched", "glibc", repetition: 1, peakMiB: 5, releaseMiB: 4))
        // A power cut in the middle of the third line.
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"schemaVersion\":1,\"scen".utf8))
        handle.closeFile()
        let loaded = try file.load()
        XCTAssertEqual(loaded.results.map(\.variant), ["load-all", "batched"])
        XCTAssertEqual(loaded.warnings.count, 1)
        XCTAssertEqual(loaded.results[0].record?.peakBytes, 20 * Self.mib + 100 * Self.mib)
    }

    func testReportSummarisesCellsAndCallsSeparatedRangesBeyondNoise() throws {
        var results: [RunResult] = []
        for (repetition, jitter) in [(1, 0), (2, 2), (3, 1)] {
            results.append(run("load-all", "glibc", repetition: repetition, peakMiB: 100 + jitter, releaseMiB: 80))
            results.append(run("batched", "glibc", repetition: repetition, peakMiB: 5 + jitter, releaseMiB: 4))
        }
        results.append(run("cursor", "glibc", repetition: 1, peakMiB: 0, releaseMiB: 0, status: .failed, reason: "worker exit status 1"))
        let report = ReportBuilder.build(runId: "test", results: results, plannedRuns: 9, elapsedSeconds: 1,
                                         environment: environment(), allocatorOrder: ["glibc"], scenarios: ScenarioCatalog.description.scenarios)
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
        XCTAssertTrue(details.contains("<details><summary>Phase by phase"))
        XCTAssertTrue(markdown.contains("Partial report"))

        let json = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(Report.self, from: json)
        XCTAssertEqual(decoded.cells.count, report.cells.count)
    }

    func testSingleRunsAreNeverCalledAWin() throws {
        let results = [run("load-all", "glibc", repetition: 1, peakMiB: 100, releaseMiB: 80),
                       run("batched", "glibc", repetition: 1, peakMiB: 5, releaseMiB: 4)]
        let report = ReportBuilder.build(runId: "t", results: results, plannedRuns: 2, elapsedSeconds: nil,
                                         environment: environment(), allocatorOrder: ["glibc"], scenarios: ScenarioCatalog.description.scenarios)
        XCTAssertFalse(report.findings.contains { $0.beyondNoise })
    }
}
