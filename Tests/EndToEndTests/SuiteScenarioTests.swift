import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Doctor
@testable import Reporting

/// The suite's scenarios in real workers at small sizes: every variant's output agrees, and
/// each pitfall's effect points the expected way by a wide margin.
final class SuiteScenarioTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    /// Runs every listed variant once under glibc and returns the results by variant.
    func runVariants(_ scenario: String, _ variants: [String], size: Int, parameters: [String: String] = [:],
                     allocators: [String] = ["glibc"]) throws -> [RunResult] {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let configurations = try allocators.map(WorkerTestSupport.configuration)
        var runner = WorkerTestSupport.runner(directory)
        if !parameters.isEmpty {
            var options = WorkerExecutor.Options(cacheDirectory: directory.appendingPathComponent("cache").path)
            options.parameters = [scenario: parameters]
            runner = WorkerTestSupport.runner(directory, executor: WorkerTestSupport.executor(directory, options: options))
        }
        let plan = RunPlan(selections: [RunPlan.Selection(scenario: scenario, variants: variants, sizes: [size])],
                           allocators: configurations, runs: 1)
        let results = try runner.measure(plan, allocators: configurations).results
        for result in results { XCTAssertEqual(result.status, .ok, "\(result.variant) × \(result.allocator): \(result.reason ?? "")") }
        return results
    }

    func record(_ results: [RunResult], _ variant: String, allocator: String = "glibc") throws -> WorkerRecord {
        try XCTUnwrap(results.first { $0.variant == variant && $0.allocator == allocator }?.record, "no record for \(variant)")
    }

    func peak(_ record: WorkerRecord, phases: [String]) throws -> Int {
        try XCTUnwrap(record.phases.filter { phases.contains($0.name) }.map(\.peakBytes).max()) - record.baselineBytes
    }

    func testStringBuildingVariantsWriteIdenticalFilesAndStreamingPeaksFarBelowConcat() throws {
        let results = try runVariants("string-building", ["concat", "stream"], size: 40_000)
        let concat = try record(results, "concat"), stream = try record(results, "stream")
        XCTAssertEqual(concat.checks["outputHash"], stream.checks["outputHash"])
        XCTAssertEqual(concat.checks["bytesWritten"], stream.checks["bytesWritten"])
        XCTAssertNotNil(concat.checks["outputHash"])
        XCTAssertEqual(stream.checks["prefixHash"], concat.checks["prefixHash"])
        // 40,000 JSON lines of ~220 bytes (~8.5 MiB) in one String against a 64 KiB buffer.
        let concatPeak = try peak(concat, phases: ["build", "write"]), streamPeak = try peak(stream, phases: ["build", "write"])
        XCTAssertGreaterThan(concatPeak, 6 << 20)
        XCTAssertLessThan(streamPeak * 4, concatPeak, "stream \(streamPeak) is not far below concat \(concatPeak)")
        XCTAssertEqual(concat.peakBytes, try XCTUnwrap(concat.phases.filter { $0.name != "verify" }.map(\.peakBytes).max()))
    }

    /// copying-concat runs at its capped size and writes there exactly what the others write.
    func testCopyingConcatAtItsCappedSizeWritesTheSameBytesAsConcatAndStream() throws {
        let results = try runVariants("string-building", ["concat", "copying-concat", "stream"], size: 1_000,
                                      parameters: ["copying-cap": "1000"])
        let concat = try record(results, "concat"), copying = try record(results, "copying-concat"), stream = try record(results, "stream")
        XCTAssertEqual(copying.size, 1_000)
        XCTAssertEqual(copying.maximumSize, 1_000)
        XCTAssertNil(concat.maximumSize)
        XCTAssertEqual(copying.checks["orders"], 1_000)
        let hash = try XCTUnwrap(concat.checks["outputHash"])
        XCTAssertEqual(copying.checks["outputHash"], hash, "the same 1,000 orders, byte for byte")
        XCTAssertEqual(stream.checks["outputHash"], hash)
        XCTAssertEqual(copying.checks["bytesWritten"], concat.checks["bytesWritten"])
        XCTAssertEqual(copying.checks["prefixHash"], concat.checks["prefixHash"])
        XCTAssertEqual(copying.phase("verify")?.verification, true)
    }

    func testCachesLruStaysWithinCapacityReturnsTheSameValuesAndHoldsLessThanUnbounded() throws {
        let results = try runVariants("caches", ["unbounded", "lru-small"], size: 30_000)
        let unbounded = try record(results, "unbounded"), lru = try record(results, "lru-small")
        XCTAssertEqual(unbounded.checks["valueChecksum"], lru.checks["valueChecksum"])
        XCTAssertLessThanOrEqual(try XCTUnwrap(lru.checks["entries"]), 1_000)
        XCTAssertEqual(lru.checks["capacity"], 1_000)
        XCTAssertGreaterThan(try XCTUnwrap(unbounded.checks["entries"]), 5_000)
        XCTAssertGreaterThan(try XCTUnwrap(unbounded.checks["hitRatePerMille"]), try XCTUnwrap(lru.checks["hitRatePerMille"]),
                             "the unbounded memo never misses a key it has seen")
        XCTAssertLessThan(try peak(lru, phases: ["lookups"]) * 2, try peak(unbounded, phases: ["lookups"]))
    }

    func testBulkWritesLeaveIdenticalTablesWhicheverWayTheyWrite() throws {
        let results = try runVariants("bulk-writes", ["insert-per-row", "insert-batched", "update-per-record", "update-set"], size: 1_500)
        let perRow = try record(results, "insert-per-row"), batched = try record(results, "insert-batched")
        let perRecord = try record(results, "update-per-record"), set = try record(results, "update-set")
        XCTAssertNotNil(perRow.checks["insertedTableHash"])
        XCTAssertEqual(perRow.checks["insertedTableHash"], batched.checks["insertedTableHash"])
        XCTAssertNotNil(set.checks["updatedTableHash"])
        XCTAssertEqual(perRecord.checks["updatedTableHash"], set.checks["updatedTableHash"], "update-set leaves the same table as update-per-record")
        XCTAssertNotEqual(set.checks["updatedTableHash"], perRow.checks["insertedTableHash"], "the update changed rows")
        XCTAssertEqual(perRow.checks["rowsWritten"], 1_500)
        XCTAssertEqual(perRecord.checks["rowsWritten"], set.checks["rowsWritten"])
        XCTAssertGreaterThan(try XCTUnwrap(batched.checks["rowsPerSecond"]), try XCTUnwrap(perRow.checks["rowsPerSecond"]),
                             "one transaction beats a transaction per row")
        // The table hash is its own verification phase, after the workload, left out of the peak.
        XCTAssertEqual(perRow.phases.map(\.name), ["open", "write", "release", "trim", "verify"])
        XCTAssertEqual(set.phases.map(\.name), ["open", "write", "release", "trim", "verify"])
        for run in [perRow, batched, perRecord, set] {
            XCTAssertEqual(run.phases.filter { $0.verification == true }.map(\.name), ["verify"])
            XCTAssertEqual(run.peakBytes, try XCTUnwrap(run.phases.filter { $0.name != "verify" }.map(\.peakBytes).max()))
        }
    }

    func testThreadedChurnIsDeterministicAndUsesMoreArenasThanItsControl() throws {
        let results = try runVariants("threaded-churn", ["threaded", "single-thread"], size: 48,
                                      parameters: ["threads": "4", "burst": "32", "settle": "0"])
        let threaded = try record(results, "threaded"), single = try record(results, "single-thread")
        XCTAssertEqual(threaded.checks["survivorChecksum"], single.checks["survivorChecksum"])
        XCTAssertEqual(threaded.checks["survivors"], 48)
        XCTAssertEqual(threaded.checks["threads"], 4)
        XCTAssertEqual(single.checks["arenas"], 1)
        XCTAssertGreaterThan(try XCTUnwrap(threaded.checks["arenas"]), 1)
        XCTAssertEqual(threaded.phases.map(\.name), ["churn", "release", "settle", "trim"])
    }
}
