import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Reporting
@testable import Suite

/// threaded-churn's threaded variant reads RSS at the same idle times under every
/// configuration, one phase per checkpoint before the final `settle` the verdicts use.
final class SettleCheckpointTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    func testEveryConfigurationOfThreadedHasTheSameCheckpointsBeforeSettle() throws {
        try BenchProcess.requireBench()
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let out = home.appendingPathComponent("reports").path
        let result = try BenchProcess.run(["run", "threaded-churn", "--variant", "threaded", "--variant", "single-thread", "--size", "16",
                                           "--allocators", "glibc,jemalloc-preload", "--runs", "1", "--max-runs", "1",
                                           "--param", "threads=2", "--param", "threaded-settle=0.6", "--param", "settle=0.1",
                                           "--param", "settle-checkpoints=0.2,0.4,5", "--cache-dir", home.appendingPathComponent("cache").path,
                                           "--out", out], home: home, timeoutSeconds: 300)
        XCTAssertEqual(result.status, .exited(0), result.stderr)
        let folder = URL(fileURLWithPath: out).appendingPathComponent("latest")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent("report.json")))
        let threaded = report.runs.filter { $0.variant == "threaded" }
        XCTAssertEqual(threaded.count, 2, "one run per configuration")
        XCTAssertEqual(Set(threaded.map(\.allocator)), ["glibc", "jemalloc-preload"])
        for run in threaded {
            // 5 s is past the 0.6 s settle, so it is left out.
            XCTAssertEqual(run.record?.phases.map(\.name), ["churn", "release", "settle-0.2s", "settle-0.4s", "settle", "trim"], run.allocator)
            XCTAssertEqual(run.record?.checks["settleMillis"], 600)
            let cell = try XCTUnwrap(report.cells.first { $0.key == run.cell })
            XCTAssertNotNil(cell.rssAfterPhaseOverBaselineBytes["settle-0.4s"], "checkpoints are in report.json's cells")
        }
        // The control keeps its own settle, without checkpoints.
        let control = report.runs.filter { $0.variant == "single-thread" }
        XCTAssertEqual(control.count, 2, "one run per configuration")
        for run in control {
            XCTAssertEqual(run.record?.phases.map(\.name), ["churn", "release", "settle", "trim"])
        }
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("## Settle checkpoints"))
        XCTAssertTrue(markdown.contains("| Configuration | After release | At 0.2s | At 0.4s | End of settle (0.6 s) |"), markdown)
    }

    func testBadCheckpointsAreRefused() throws {
        try BenchProcess.requireBench()
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let result = try BenchProcess.run(["run", "threaded-churn", "--variant", "threaded", "--size", "4", "--allocators", "glibc",
                                           "--runs", "1", "--max-runs", "1", "--param", "settle-checkpoints=soon",
                                           "--out", home.appendingPathComponent("reports").path], home: home, timeoutSeconds: 300)
        // Scenario parameters are checked by the worker: the run fails with the reason.
        XCTAssertNotEqual(result.status, .exited(0), result.stderr)
        let folder = home.appendingPathComponent("reports").appendingPathComponent("latest")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent("report.json")))
        let reason = try XCTUnwrap(report.runs.first?.reason)
        XCTAssertTrue(reason.contains("settle-checkpoints=soon: give seconds separated by commas"), reason)
    }
}
