import Foundation
import XCTest
@testable import Statistics

final class VerdictTests: XCTestCase {
    let mib = 1_048_576.0

    private func verdict(_ reference: [Double], _ candidate: [Double], noise: WorkloadNoise = .unknown,
                         comparisons: Int = 1) -> Verdict {
        let test = DifferenceTest(reference: reference, candidate: candidate, noise: noise)
        return Verdict(test: test, adjustedP: min(1, test.p * Double(comparisons)), comparisons: comparisons)
    }

    func testIdenticalValuesAreWithinNoise() {
        let v = verdict([5 * mib, 5 * mib, 5 * mib], [5 * mib, 5 * mib, 5 * mib])
        XCTAssertEqual(v.kind, .withinNoise)
        XCTAssertEqual(v.effect, 0)
        XCTAssertEqual(v.p, 1, accuracy: 1e-12)
    }

    func testZeroVarianceOnBothSidesLeansOnThePooledSigma() {
        let noise = WorkloadNoise(variance: 0.05 * mib * 0.05 * mib, degreesOfFreedom: 14)
        // 0.1 MiB apart: 2σ, under the 5σ floor, so not a finding even though neither side varies.
        let small = verdict([4 * mib, 4 * mib, 4 * mib], [4.1 * mib, 4.1 * mib, 4.1 * mib], noise: noise)
        XCTAssertNotEqual(small.kind, .beyondNoise)
        XCTAssertEqual(small.floor, 5 * 0.05 * mib, accuracy: 1)
        let large = verdict([4 * mib, 4 * mib, 4 * mib], [6 * mib, 6 * mib, 6 * mib], noise: noise)
        XCTAssertEqual(large.kind, .beyondNoise)
    }

    func testABaseMedianOfZeroIsStillJudgedByTheFloor() {
        // issue 11: "+0.1 MiB vs ±0.0 MiB (n/a …; beyond noise)". The floor still applies.
        let noise = WorkloadNoise(variance: 0.03 * mib * 0.03 * mib, degreesOfFreedom: 14)
        let v = verdict([0, 0, 0], [0.1 * mib, 0.1 * mib, 0.1 * mib], noise: noise)
        XCTAssertNotEqual(v.kind, .notJudged)
        XCTAssertNotEqual(v.kind, .beyondNoise)
        XCTAssertEqual(v.floor, 0.15 * mib, accuracy: 1)
        let big = verdict([0, 0, 0], [2 * mib, 2 * mib, 2 * mib], noise: noise)
        XCTAssertEqual(big.kind, .beyondNoise)
    }

    func testOneNoisyCellCannotHideInAQuietWorkload() {
        let noise = WorkloadNoise(variance: 1000 * 1000, degreesOfFreedom: 14)
        let test = DifferenceTest(reference: [10 * mib, 10 * mib, 10 * mib], candidate: [9 * mib, 11 * mib, 13 * mib], noise: noise)
        XCTAssertGreaterThanOrEqual(test.sigma, 1.9 * mib)
    }

    func testASingleRunWithoutPooledNoiseIsNotJudged() {
        let v = verdict([1 * mib], [3 * mib, 3 * mib, 3.1 * mib])
        XCTAssertEqual(v.kind, .notJudged)
        XCTAssertNil(v.interval)
        XCTAssertEqual(verdict([], [1]).kind, .notJudged)
        // With pooled noise a single run is judged.
        let noise = WorkloadNoise(variance: 0.01 * mib * 0.01 * mib, degreesOfFreedom: 14)
        XCTAssertEqual(verdict([1 * mib], [3 * mib, 3 * mib, 3 * mib], noise: noise).kind, .beyondNoise)
    }

    func testUndecidedSaysHowManyMoreRuns() throws {
        // 3σ apart with σ from few df: significant-looking, not decided either way.
        let noise = WorkloadNoise(variance: 0.1 * mib * 0.1 * mib, degreesOfFreedom: 4)
        let v = verdict([10 * mib, 10.1 * mib, 9.9 * mib], [10.45 * mib, 10.55 * mib, 10.5 * mib], noise: noise)
        XCTAssertEqual(v.kind, .undecided)
        XCTAssertNotNil(v.interval)
        XCTAssertGreaterThan(try XCTUnwrap(v.smallestDetectableEffect), 0)
        if let more = v.additionalRunsPerSide { XCTAssertGreaterThan(more, 0) }
    }

    func testVerdictsEncode() throws {
        let v = verdict([1, 2, 3], [1, 2, 3])
        let data = try JSONEncoder().encode(v)
        XCTAssertEqual(try JSONDecoder().decode(Verdict.self, from: data), v)
    }

    func testSummary() throws {
        let s = try XCTUnwrap(Sample([1, 2, 3, 4, 100]))
        XCTAssertEqual(s.median, 3)
        XCTAssertEqual(s.medianAbsoluteDeviation, 1)
        XCTAssertEqual(s.minimum, 1)
        XCTAssertEqual(s.maximum, 100)
        XCTAssertNil(Sample([]))
        XCTAssertEqual(Sample.median([4, 1, 3, 2]), 2.5)
    }

    func testPooledNoise() {
        let noise = WorkloadNoise(pooling: [[1, 2, 3], [10, 10, 10], [5]])
        XCTAssertEqual(noise.degreesOfFreedom, 4)
        XCTAssertEqual(noise.variance, 0.5, accuracy: 1e-12)
        XCTAssertEqual(noise.atLeast(WorkloadNoise(variance: 9, degreesOfFreedom: 20)).degreesOfFreedom, 20)
        XCTAssertEqual(WorkloadNoise.unknown.atLeast(noise), noise)
    }
}
