import XCTest
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Reporting

/// Scenario figures, output agreement and the size sweep, from synthetic runs to report.md.
final class FiguresAndSweepReportTests: XCTestCase {
    static let mib = Fixtures.mib

    /// One glibc run whose only phase, `build`, peaks and ends `peakMiB` over the baseline.
    func run(_ scenario: String, _ variant: String, size: Int, repetition: Int = 1, peakMiB: Double,
             checks: [String: Int]) -> RunResult {
        let peak = Int(peakMiB * Double(Self.mib))
        let record = WorkerRecord.fixture(scenario: scenario, variant: variant, size: size,
                                          phases: [.fixture("build", peakBytes: peak, endBytes: peak)],
                                          samples: [(0, Fixtures.baselineBytes)], checks: checks)
        return .fixture(record, allocator: "glibc", repetition: repetition)
    }

    func report(_ results: [RunResult]) -> Report { ReportFixtures.build(results) }

    func testFiguresTableShowsMediansAndAgreeingHashes() {
        let results = [
            run("string-building", "concat", size: 1000, peakMiB: 40, checks: ["orders": 1000, "bytesWritten": 210_000, "outputHash": 77, "prefixHash": 5]),
            run("string-building", "stream", size: 1000, peakMiB: 1, checks: ["orders": 1000, "bytesWritten": 210_000, "outputHash": 77, "prefixHash": 5]),
        ]
        let report = report(results)
        let markdown = MarkdownReport.renderDetails(report)
        XCTAssertTrue(markdown.contains("| `stream` | 1,000 | 0.2 MiB | 000000000000004d | 0000000000000005 | 1 |"), markdown)
        XCTAssertTrue(markdown.contains("Output hash (FNV-1a): identical in all 2 runs that report it (`concat`, `stream`)"), markdown)
        XCTAssertFalse(report.findings.contains { $0.text.contains("MISMATCH") })
    }

    func testDifferentOutputsBetweenVariantsAreFlaggedInFindingsAndTable() throws {
        let results = [
            run("string-building", "concat", size: 1000, peakMiB: 40, checks: ["outputHash": 77]),
            run("string-building", "stream", size: 1000, peakMiB: 1, checks: ["outputHash": 78]),
        ]
        let report = report(results)
        // Records from before checks had to agree: held to the scenario's mustAgree figures.
        let finding = try XCTUnwrap(report.findings.first { $0.kind == .outputMismatch })
        XCTAssertTrue(finding.beyondNoise)
        XCTAssertEqual(finding.text, "string-building: `concat` and `stream` did different work at 1,000 orders: outputHash 000000000000004d vs 000000000000004e; no verdict is made between them.")
        XCTAssertEqual(report.differentWork.map(\.variants), [["concat", "stream"]])
        XCTAssertTrue(report.comparisons.filter { $0.kind == .fix }.isEmpty, "no verdict between variants that did different work")
        let markdown = MarkdownReport.renderDetails(report)
        XCTAssertTrue(markdown.contains("**Mismatch** in output hash (fnv-1a)"), markdown)
    }

    func testSweepSectionFitsEachVariantAndGivesVerdicts() {
        var results: [RunResult] = []
        for size in [10_000, 100_000, 1_000_000] {
            for repetition in 1...2 {
                let jitter = Double(repetition) * 0.1
                results.append(run("load-all-vs-batched", "load-all", size: size, repetition: repetition,
                                   peakMiB: Double(size) * 130 / Double(Self.mib) + jitter, checks: [:]))
                results.append(run("load-all-vs-batched", "batched", size: size, repetition: repetition,
                                   peakMiB: 2 + jitter, checks: [:]))
            }
        }
        let report = report(results)
        let lines = report.decisions.growth
        XCTAssertEqual(Set(lines.map(\.variant)), ["load-all", "batched"])
        let markdown = MarkdownReport.render(report)
        XCTAssertTrue(markdown.contains("## Size sweep"), markdown)
        // The sweep is shown once in report.md (one table of slopes); the peaks per size and each
        // line's sentence are in details.md.
        let sweep = markdown.components(separatedBy: "## Size sweep").last ?? ""
        let rows = sweep.split(separator: "\n").filter { $0.hasPrefix("| load-all-vs-batched | `load-all` | glibc |") || $0.hasPrefix("| load-all-vs-batched | `batched` | glibc |") }
        XCTAssertEqual(rows.map { $0.hasSuffix("| grows with the size |") }, [true, false], rows.joined(separator: "\n"))
        XCTAssertTrue(rows.last?.hasSuffix("| flat |") == true, rows.joined(separator: "\n"))
        XCTAssertTrue(rows.first?.contains("| +130 bytes per row |") == true, rows.joined(separator: "\n"))
        let detailsTable = MarkdownReport.renderDetails(report).components(separatedBy: "## Size sweep").last ?? ""
        XCTAssertTrue(detailsTable.contains("| `load-all` | glibc |"), "details.md keeps the table with the peak at each size")
        XCTAssertEqual(markdown.components(separatedBy: "+130 bytes/row").count, 1, "the sweep's sentence is not repeated in report.md")
        let details = MarkdownReport.renderDetails(report)
        XCTAssertTrue(details.contains("+130 bytes/row (interval +130 to +130), grows with N: +122.7 MiB from 10,000 to 1,000,000 rows, beyond the 1.0 MiB floor"), details)
        XCTAssertTrue(details.contains("`batched`, peak over baseline under glibc: flat: 0 bytes/row (interval "), details)
        XCTAssertEqual(lines.first { $0.variant == "batched" }?.trend.kind, .flat)
        XCTAssertEqual(lines.first { $0.variant == "load-all" }?.trend.kind, .grows)
        XCTAssertTrue(report.findings.contains { $0.kind == .growth && $0.verdict == .beyondNoise && $0.text.contains("`load-all`") && $0.text.contains("+130 bytes/row") })
    }

    func testPairedVariantsAreComparedWithTheirOwnPitfall() {
        var results: [RunResult] = []
        for repetition in 1...2 {
            for (variant, peak) in [("insert-per-row", 4.0), ("insert-batched", 6.0), ("update-per-record", 30.0), ("update-set", 3.0)] {
                results.append(run("bulk-writes", variant, size: 100, repetition: repetition, peakMiB: peak + Double(repetition) / 10, checks: [:]))
            }
        }
        // Wording-neutral: which variants each variant finding names.
        let texts = report(results).findings.map(\.text).filter { !$0.contains("made no difference") && !$0.contains("glibc-") }
        XCTAssertTrue(texts.contains { $0.contains("update-set") && $0.contains("update-per-record") && !$0.contains("insert-per-row") }, "\(texts)")
        XCTAssertTrue(texts.contains { $0.contains("insert-batched") && $0.contains("insert-per-row") }, "\(texts)")
        XCTAssertFalse(texts.contains { $0.contains("update-per-record") && $0.contains("insert-per-row") },
                       "a pitfall is not compared as a fix of the other pitfall: \(texts)")
    }

    func testASingleSizeHasNoSweepSection() {
        let report = report([run("load-all-vs-batched", "load-all", size: 10, peakMiB: 1, checks: [:])])
        XCTAssertTrue(report.decisions.growth.isEmpty)
        XCTAssertFalse(MarkdownReport.render(report).contains("## Size sweep"))
    }
}
