import Foundation
import XCTest
import BenchModel
import MemoryProbe
import Statistics
import TestSupport
@testable import Reporting

/// A report is a function of its runs: building it again, or from the same runs listed in
/// another order, gives the same bytes, whatever order Swift's hashing visits dictionaries in
/// (it changes from one dictionary to the next, and from one process to the next).
final class DeterminismTests: XCTestCase {
    /// Three variants × four configurations × two sizes × three runs, with peaks and release
    /// figures that use every bit of a Double, so that summing the pooled variances in another
    /// order changes the last digits of σ, p and the intervals.
    func results() -> [RunResult] {
        var results: [RunResult] = []
        let allocators = ["glibc", "glibc-arenas-2", "jemalloc-preload", "glibc-twin"]
        for size in [1000, 3000] {
            for repetition in 1...3 {
                for (a, allocator) in allocators.enumerated() {
                    for (v, variant) in ["load-all", "batched", "cursor"].enumerated() {
                        let wobble = (repetition * 7_919 + a * 104_729 + v * 1_299_709 + size) % 900_001
                        let peak = (v == 0 ? 90 : 5) * Fixtures.mib + wobble * (v + 1) + a * 333_331
                        let phases = [PhaseRecord.fixture("export", peakBytes: peak, endBytes: peak),
                                      PhaseRecord.fixture("release", start: 0.1, peakBytes: peak, endBytes: peak / 3 + wobble),
                                      PhaseRecord.fixture("trim", start: 0.2, peakBytes: peak / 3, endBytes: wobble)]
                        let record = WorkerRecord.fixture(scenario: "load-all-vs-batched", variant: variant, size: size, phases: phases)
                        results.append(.fixture(record, allocator: allocator, repetition: repetition))
                    }
                }
            }
        }
        return results
    }

    /// What a report decided, as report.json writes it (the runs are left out: they are listed
    /// in the order they ran).
    func decisions(_ report: Report) throws -> Data {
        struct Decided: Encodable { var cells: [CellReport]; var comparisons: [Comparison]; var findings: [Finding] }
        return try JSONCoding.encoder(pretty: true).encode(Decided(cells: report.cells, comparisons: report.comparisons,
                                                                     findings: report.findings))
    }

    func testTheSameRunsInAnyOrderGiveTheSameReportBytes() throws {
        let inRunOrder = results()
        // Cell by cell instead of round by round: each cell's runs keep their own order.
        func name(_ run: RunResult) -> String { "\(run.variant)|\(run.allocator)|\(run.size)" }
        let byCell = Dictionary(grouping: inRunOrder, by: name).sorted { $0.key > $1.key }.flatMap(\.value)
        XCTAssertEqual(byCell.count, inRunOrder.count)
        XCTAssertNotEqual(byCell.map(name), inRunOrder.map(name), "the two orders differ")
        let allocators = ["glibc", "glibc-arenas-2", "jemalloc-preload", "glibc-twin"]
        let first = ReportFixtures.build(inRunOrder, allocators: allocators)
        let expected = try decisions(first)
        XCTAssertGreaterThan(first.comparisons.count, 50, "enough comparisons for the order of pooling to show")
        for attempt in 0..<8 {
            let results = attempt % 2 == 0 ? inRunOrder : byCell
            let again = ReportFixtures.build(results, allocators: allocators)
            XCTAssertEqual(try decisions(again), expected, "build \(attempt + 2) differs")
        }
    }

    /// The pooled noise of the same cells is the same bits in any order the cells are added.
    func testPooledNoiseDoesNotDependOnTheOrderCellsAreAdded() {
        let cells: [[Double]] = [[83_809_684, 48_158_968, 64_267_746], [15_911_026, 63_851_205, 86_936_485],
                                 [52_794_940, 74_383_934, 67_469_736], [7_339_112, 76_064_794, 59_518_859]]
        var forward = NoisePools()
        var backward = NoisePools()
        for cell in cells { forward.add(cell, workload: "w", scope: "s") }
        for cell in cells.reversed() { backward.add(cell, workload: "w", scope: "s") }
        // Summed as given, the two orders do differ in the last bits: the pools must not sum as given.
        XCTAssertNotEqual(WorkloadNoise(pooling: cells).variance, WorkloadNoise(pooling: cells.reversed()).variance)
        XCTAssertEqual(forward.noise(workload: "w", scope: "s"), backward.noise(workload: "w", scope: "s"))
    }
}
