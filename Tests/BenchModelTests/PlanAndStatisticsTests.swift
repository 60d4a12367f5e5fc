import XCTest
@testable import BenchModel

final class PlanAndStatisticsTests: XCTestCase {
    func testRepetitionsAreInterleavedAcrossCells() {
        let a = AllocatorConfiguration(name: "a", summary: "", expectedKind: .glibc)
        let b = AllocatorConfiguration(name: "b", summary: "", expectedKind: .glibc)
        let plan = RunPlan(selections: [RunPlan.Selection(scenario: "s", variants: ["x", "y"], sizes: [10])],
                           allocators: [a, b], runs: 3)
        XCTAssertEqual(plan.entries.count, 12)
        let order = plan.entries.map { "\($0.variant)\($0.allocator.name)\($0.repetition)" }
        XCTAssertEqual(Array(order.prefix(8)), ["xa1", "xb1", "ya1", "yb1", "xa2", "xb2", "ya2", "yb2"])
        XCTAssertEqual(plan.preparations.count, 1)
    }

    func testSummaryMedianRangeAndSpread() throws {
        let summary = try XCTUnwrap(Summary([10, 30, 20]))
        XCTAssertEqual(summary.median, 20)
        XCTAssertEqual(summary.min, 10)
        XCTAssertEqual(summary.max, 30)
        XCTAssertEqual(try XCTUnwrap(summary.spreadPercent), 50, accuracy: 1e-9)
        XCTAssertEqual(Summary([1, 2, 3, 4])?.median, 2.5)
        XCTAssertNil(Summary([5])?.spreadPercent, "one run has no known spread")
        XCTAssertNil(Summary([]))
    }

    func testOverlappingRangesAreNoiseAndSeparatedOnesAreNot() throws {
        let mib = 1_048_576.0
        let low = try XCTUnwrap(Summary([10 * mib, 11 * mib, 12 * mib]))
        let overlapping = try XCTUnwrap(Summary([11.5 * mib, 13 * mib, 14 * mib]))
        let far = try XCTUnwrap(Summary([40 * mib, 41 * mib, 42 * mib]))
        XCTAssertFalse(low.differsBeyondNoise(from: overlapping, floor: mib))
        XCTAssertTrue(low.differsBeyondNoise(from: far, floor: mib))
        XCTAssertTrue(far.differsBeyondNoise(from: low, floor: mib))
        let tiny = try XCTUnwrap(Summary([12.1 * mib, 12.2 * mib, 12.3 * mib]))
        let close = try XCTUnwrap(Summary([12.5 * mib, 12.6 * mib, 12.7 * mib]))
        XCTAssertFalse(tiny.differsBeyondNoise(from: close, floor: mib), "below the instrument floor is noise")
        XCTAssertFalse(try XCTUnwrap(Summary([1])).differsBeyondNoise(from: far, floor: 0), "single runs are never judged")
    }

    func testCountsAndBytesAreFormattedForPeople() {
        XCTAssertEqual(grouped(200_000), "200,000")
        XCTAssertEqual(grouped(999), "999")
        XCTAssertEqual(mebibytes(41.2 * 1_048_576), "41.2 MiB")
        XCTAssertEqual(mebibytes(3 * 1_048_576, signed: true), "+3.0 MiB")
        XCTAssertEqual(mebibytes(-3 * 1_048_576, signed: true), "−3.0 MiB")
        XCTAssertEqual(mebibytes(1000, signed: true), "±0.0 MiB")
    }
}
