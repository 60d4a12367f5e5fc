import XCTest
@testable import BenchModel
@testable import Reporting
@testable import Suite
@testable import Exec
@testable import Doctor

/// The sweep's growth fit on synthetic points.
final class GrowthFitTests: XCTestCase {
    static let mib = 1_048_576.0

    func testALinearSeriesGivesItsSlopeAndGrows() throws {
        let points = [10_000, 100_000, 1_000_000].map { (size: $0, bytes: 3 * Self.mib + 130 * Double($0)) }
        let fit = try XCTUnwrap(GrowthFit(points))
        XCTAssertEqual(fit.bytesPerUnit, 130, accuracy: 0.001)
        XCTAssertEqual(fit.interceptBytes, 3 * Self.mib, accuracy: 1)
        XCTAssertEqual(try XCTUnwrap(fit.rSquared), 1, accuracy: 1e-9)
        XCTAssertEqual(fit.verdict(), .grows)
        XCTAssertTrue(fit.sentence(unit: "rows").hasPrefix("+130 bytes/row, grows with N"), fit.sentence(unit: "rows"))
    }

    func testAFlatSeriesWithSmallJitterIsFlatWithItsBand() throws {
        let points = [(10_000, 5.0), (10_000, 5.3), (100_000, 5.6), (100_000, 5.1), (1_000_000, 5.4), (1_000_000, 5.9)]
            .map { (size: $0.0, bytes: $0.1 * Self.mib) }
        let fit = try XCTUnwrap(GrowthFit(points))
        XCTAssertEqual(fit.verdict(), .flat)
        let sentence = fit.sentence(unit: "rows")
        XCTAssertTrue(sentence.hasPrefix("flat (within ±0.5 MiB from 10,000 to 1,000,000 rows"), sentence)
    }

    func testANoisyLinearSeriesStillGrowsWithAGoodFit() throws {
        var random = SystemRandomNumberGenerator()
        var points: [(size: Int, bytes: Double)] = []
        for size in [20_000, 60_000, 200_000] {
            for _ in 0..<3 {
                points.append((size, 2 * Self.mib + 200 * Double(size) + Double.random(in: -1...1, using: &random) * Self.mib))
            }
        }
        let fit = try XCTUnwrap(GrowthFit(points))
        XCTAssertEqual(fit.bytesPerUnit, 200, accuracy: 20)
        XCTAssertGreaterThan(try XCTUnwrap(fit.rSquared), 0.9)
        XCTAssertEqual(fit.verdict(), .grows)
    }

    func testLargeScatterWithoutATrendIsUnclear() throws {
        let points = [(1_000, 10.0), (1_000, 30.0), (2_000, 12.0), (2_000, 28.0), (3_000, 11.0), (3_000, 29.0)]
            .map { (size: $0.0, bytes: $0.1 * Self.mib) }
        let fit = try XCTUnwrap(GrowthFit(points))
        XCTAssertLessThan(try XCTUnwrap(fit.rSquared), 0.1)
        XCTAssertEqual(fit.verdict(), .unclear)
    }

    func testIdenticalPointsAreFlatWithUndefinedRSquared() throws {
        let fit = try XCTUnwrap(GrowthFit([(size: 10, bytes: 1_000), (size: 20, bytes: 1_000)]))
        XCTAssertNil(fit.rSquared)
        XCTAssertEqual(fit.bytesPerUnit, 0)
        XCTAssertEqual(fit.verdict(), .flat)
    }

    func testOneSizeCannotBeFitted() {
        XCTAssertNil(GrowthFit([(size: 10, bytes: 1), (size: 10, bytes: 2)]))
        XCTAssertNil(GrowthFit([]))
    }
}
