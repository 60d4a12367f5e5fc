import XCTest
import Scenarios
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Doctor
@testable import Reporting

/// The first scenario end to end: a real SQLite database, real workers, a real report.
final class LoadAllVsBatchedTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    func testBatchedExportPeaksFarBelowLoadAllAndTheReportSaysSo() throws {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let glibc = try WorkerTestSupport.configuration("glibc")
        let plan = RunPlan(selections: [RunPlan.Selection(scenario: "load-all-vs-batched", variants: ["load-all", "batched", "cursor"],
                                                          sizes: [50_000])],
                           allocators: [glibc], runs: 1)
        let measured = try WorkerTestSupport.runner(directory).measure(plan, allocators: [glibc]); let (preflights, results) = (measured.preflights, measured.results)
        XCTAssertEqual(preflights.first?.outcome, .verified)
        XCTAssertEqual(results.count, 3)
        for result in results {
            XCTAssertEqual(result.status, .ok, result.reason ?? "")
            XCTAssertEqual(result.record?.checks["rowsExported"], 50_000)
            XCTAssertEqual(result.record?.peakMethod, .clearRefs)
        }
        func exportPeak(_ variant: String) throws -> Int {
            let record = try XCTUnwrap(results.first { $0.variant == variant }?.record)
            let phases = record.phases.filter { ["load", "export"].contains($0.name) }
            return try XCTUnwrap(phases.map(\.peakBytes).max()) - record.baselineBytes
        }
        let loadAll = try exportPeak("load-all")
        let batched = try exportPeak("batched")
        let cursor = try exportPeak("cursor")
        // 50,000 orders of ~200 bytes held at once against 1,000 at a time: a wide margin.
        XCTAssertGreaterThan(loadAll, 15 << 20, "load-all holds every row")
        XCTAssertLessThan(batched * 2, loadAll, "batched peak \(batched) is not far below load-all's \(loadAll)")
        XCTAssertLessThan(cursor * 2, loadAll, "cursor peak \(cursor) is not far below load-all's \(loadAll)")
        let loadAllRecord = try XCTUnwrap(results.first { $0.variant == "load-all" }?.record)
        XCTAssertEqual(loadAllRecord.phases.map(\.name), ["open", "load", "export", "release", "trim", "verify"])
        XCTAssertEqual(loadAllRecord.phases.filter { $0.verification == true }.map(\.name), ["verify"], "the CSV check is a verification phase")
        XCTAssertLessThan(try XCTUnwrap(loadAllRecord.phase("trim")?.rssBytes), try XCTUnwrap(loadAllRecord.phase("export")?.rssBytes),
                          "release and trim hand memory back")

        // results.jsonl → report
        let loaded = try ResultsFile(path: directory.appendingPathComponent("results.jsonl").path).load()
        XCTAssertEqual(loaded.results.count, 3)
        let report = ReportBuilder.build(runId: "e2e", results: loaded.results, plannedRuns: 3, elapsedSeconds: nil,
                                         environment: .collect(commandLine: "test", buildConfiguration: "debug", allocators: preflights),
                                         allocatorOrder: ["glibc"], scenarios: ScenarioCatalog.description.scenarios)
        XCTAssertFalse(report.partial)
        try ReportWriter.write(report, to: directory)
        // Every finding and the full tables are in details.md, linked from report.md.
        XCTAssertTrue(try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8).contains("[details.md](details.md)"))
        let markdown = try String(contentsOf: directory.appendingPathComponent("details.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("`batched` peaks at"), markdown)
        XCTAssertTrue(markdown.contains("| `cursor` | glibc |"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("report.json"))) as? [String: Any]
        XCTAssertEqual(json?["schemaVersion"] as? Int, Report.currentSchemaVersion)
    }

    func testAnIncompleteExportFailsLoudly() throws {
        // A worker asked for more rows than the cached database holds must not report success.
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let runner = WorkerTestSupport.executor(directory)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("cache"), withIntermediateDirectories: true)
        XCTAssertNil(runner.prepare(scenario: "load-all-vs-batched", size: 300))
        let small = OrdersPathSwap(cache: directory.appendingPathComponent("cache"))
        try small.pretend(size: 300, is: 400)
        let entry = RunPlan.Entry(scenario: "load-all-vs-batched", variant: "batched",
                                  allocator: try WorkerTestSupport.configuration("glibc"), size: 400, repetition: 1)
        let result = runner.run(entry, index: 0, folder: directory.path)
        XCTAssertEqual(result.status, .failed)
        XCTAssertTrue(result.reason?.contains("incomplete CSV") ?? false, result.reason ?? "")
    }
}

/// Copies the cached database of one size under another size's name, to fake a short table.
struct OrdersPathSwap {
    var cache: URL
    func pretend(size real: Int, is claimed: Int) throws {
        let from = cache.appendingPathComponent("orders-v1-\(real).sqlite")
        let to = cache.appendingPathComponent("orders-v1-\(claimed).sqlite")
        try FileManager.default.copyItem(at: from, to: to)
    }
}
