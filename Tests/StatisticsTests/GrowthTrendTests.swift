import XCTest
@testable import Statistics

final class GrowthTrendTests: XCTestCase {
    func testSlopeIntervalMatchesHandComputation() throws {
        // y = 2x + noise; slope 1.96, residual s² = 0.6/3 = 0.2, Sxx = 10, SE = √0.02, t(3) = 3.182.
        let trend = try XCTUnwrap(GrowthTrend(x: [1, 2, 3, 4, 5], y: [2.2, 3.8, 6.2, 7.8, 10.0], floor: 1))
        XCTAssertEqual(trend.slope, 1.96, accuracy: 1e-9)
        let interval = try XCTUnwrap(trend.slopeInterval)
        let residual = [2.2, 3.8, 6.2, 7.8, 10.0].enumerated().map { i, y in y - (trend.intercept + 1.96 * Double(i + 1)) }
        let s2 = residual.map { $0 * $0 }.reduce(0, +) / 3
        let expectedHalf = 3.182446 * (s2 / 10).squareRoot()
        XCTAssertEqual(interval.halfWidth, expectedHalf, accuracy: 1e-5)
        XCTAssertEqual(trend.kind, .grows)
    }

    func testFlatOnlyWhenTheIntervalOverTheRangeStaysUnderTheFloor() throws {
        let flat = try XCTUnwrap(GrowthTrend(x: [1000, 3000, 10000], y: [100, 101, 100], floor: 100))
        XCTAssertEqual(flat.kind, .flat)
        // Scattered points: slope interval wide, neither grows nor flat.
        let unclear = try XCTUnwrap(GrowthTrend(x: [1, 2, 3, 4], y: [0, 50, -40, 60], floor: 20))
        XCTAssertEqual(unclear.kind, .noClearTrend)
    }

    func testAFitThatRisesReallyIsNotFlat() throws {
        // issue 11: "+185 bytes/row, R² 0.99" must not be called flat with a 0.9 MiB floor.
        let x: [Double] = [1000, 1000, 3000, 3000, 10000, 10000]
        let y = x.map { 185 * $0 + 3_000_000 } .enumerated().map { $1 + ($0 % 2 == 0 ? 20_000 : -20_000) }
        let trend = try XCTUnwrap(GrowthTrend(x: x, y: y, floor: 900_000))
        XCTAssertNotEqual(trend.kind, .flat)
        XCTAssertNil(GrowthTrend(x: [5, 5], y: [1, 2], floor: 1))
    }
}
