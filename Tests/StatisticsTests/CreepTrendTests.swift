import XCTest
@testable import Statistics

/// The soak's creep verdict: RSS against requests served, several runs each at its own level.
final class CreepTrendTests: XCTestCase {
    /// Three runs of 11 points (0 to 40,000 requests), levels 100, 130 and 90 MiB apart, with a
    /// fixed ±`wobble` zigzag and a slope in bytes per request.
    func runs(slope: Double, wobble: Double) -> [[(x: Double, y: Double)]] {
        [100.0, 130.0, 90.0].enumerated().map { run, level in
            (0...10).map { slice in
                let x = Double(slice * 4_000)
                let sign: Double = (slice + run) % 2 == 0 ? 1 : -1
                return (x, level * 1_048_576 + slope * x + sign * wobble)
            }
        }
    }

    func testASteadyRiseCreepsEvenWhenRunsSitAtDifferentLevels() throws {
        // 100 bytes a request: +3.8 MiB over the window against a 1 MiB floor, runs 40 MiB apart.
        let trend = try XCTUnwrap(GrowthTrend(runs: runs(slope: 100, wobble: 50_000), floor: 1_048_576))
        XCTAssertEqual(trend.kind, .grows)
        XCTAssertEqual(trend.slope, 100, accuracy: 5)
        XCTAssertEqual(trend.range, 40_000, accuracy: 1)
        // Pooled without centring, the runs' levels would swamp the slope.
        let pooled = runs(slope: 100, wobble: 50_000).flatMap { $0 }
        let naive = try XCTUnwrap(GrowthTrend(x: pooled.map(\.x), y: pooled.map(\.y), floor: 1_048_576))
        XCTAssertEqual(naive.kind, .noClearTrend)
    }

    func testNoSlopeWithATightIntervalIsFlat() throws {
        let trend = try XCTUnwrap(GrowthTrend(runs: runs(slope: 0, wobble: 20_000), floor: 1_048_576))
        XCTAssertEqual(trend.kind, .flat)
        let interval = try XCTUnwrap(trend.slopeInterval)
        XCTAssertLessThan(max(abs(interval.lower), abs(interval.upper)) * trend.range, trend.floor)
    }

    func testASmallSlopeInLargeScatterIsUndecided() throws {
        // 10 bytes a request (0.4 MiB over the window) in ±3 MiB of zigzag: neither creeps nor flat.
        let trend = try XCTUnwrap(GrowthTrend(runs: runs(slope: 10, wobble: 3_000_000), floor: 1_048_576))
        XCTAssertEqual(trend.kind, .noClearTrend)
    }

    func testEachRunsLevelCostsADegreeOfFreedom() throws {
        let data = runs(slope: 50, wobble: 200_000)
        let grouped = try XCTUnwrap(GrowthTrend(runs: data, floor: 1))
        let centred = data.flatMap { run -> [(x: Double, y: Double)] in
            let mx = run.map(\.x).reduce(0, +) / Double(run.count), my = run.map(\.y).reduce(0, +) / Double(run.count)
            return run.map { ($0.x - mx, $0.y - my) }
        }
        let ignoringLevels = try XCTUnwrap(GrowthTrend(x: centred.map(\.x), y: centred.map(\.y), floor: 1))
        XCTAssertEqual(grouped.slope, ignoringLevels.slope, accuracy: 1e-9)
        XCTAssertGreaterThan(try XCTUnwrap(grouped.slopeInterval).halfWidth, try XCTUnwrap(ignoringLevels.slopeInterval).halfWidth)
    }
}
