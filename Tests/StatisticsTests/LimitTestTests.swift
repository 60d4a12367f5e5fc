import XCTest
@testable import Statistics

/// A budget's runs against its limit: exceeded only beyond noise (and beyond the floor), met
/// only when the upper bound keeps the margin, undecided in between, Holm over the budgets.
final class LimitTestTests: XCTestCase {
    static let mib = 1_048_576.0
    let policy = VerdictPolicy(instrumentFloorBytes: 1_048_576)

    func verdicts(_ cells: [(runs: [Double], limit: Double)]) -> [LimitVerdict] {
        LimitVerdict.judge(cells.map { LimitTest(values: $0.runs, limit: $0.limit, noise: WorkloadNoise(pooling: [$0.runs]), policy: policy) },
                           policy: policy)
    }

    func testAFigureFarOverItsLimitIsExceeded() throws {
        let verdict = try XCTUnwrap(verdicts([([32.0, 32.1, 32.05].map { $0 * Self.mib }, 8 * Self.mib)]).first)
        XCTAssertEqual(verdict.kind, .exceeded)
        XCTAssertEqual(verdict.excess / Self.mib, 24.05, accuracy: 0.01)
        XCTAssertLessThan(verdict.adjustedP, 0.001)
        XCTAssertEqual(verdict.floor, Self.mib, accuracy: 1, "5 σ (σ at least floor / 5) and 2 % of 8 MiB are under the instrument's 1 MiB")
        let interval = try XCTUnwrap(verdict.interval)
        XCTAssertTrue(interval.contains(32.05 * Self.mib))
    }

    func testAFigureWellUnderItsLimitIsMet() throws {
        let verdict = try XCTUnwrap(verdicts([([4.0, 4.1, 4.05].map { $0 * Self.mib }, 8 * Self.mib)]).first)
        XCTAssertEqual(verdict.kind, .met)
        XCTAssertLessThan(try XCTUnwrap(verdict.upperBound), 7 * Self.mib, "the upper bound keeps the 1 MiB margin")
    }

    func testAFigureWithinNoiseOfItsLimitIsUndecided() throws {
        // Over the limit by less than the floor, and under it by less than the margin.
        for runs in [[8.2, 8.3, 8.25], [7.6, 7.7, 7.65], [8.0, 8.0, 8.0]] {
            let verdict = try XCTUnwrap(verdicts([(runs.map { $0 * Self.mib }, 8 * Self.mib)]).first)
            XCTAssertEqual(verdict.kind, .undecided, "\(runs)")
        }
    }

    func testOneRunWithNothingToPoolIsNotJudged() throws {
        let verdict = try XCTUnwrap(verdicts([([32 * Self.mib], 8 * Self.mib)]).first)
        XCTAssertEqual(verdict.kind, .notJudged)
        XCTAssertNil(verdict.interval)
        // The same run with its workload's pooled noise (other configurations' runs) is judged.
        let pooled = LimitTest(values: [32 * Self.mib], limit: 8 * Self.mib,
                               noise: WorkloadNoise(pooling: [[31, 31.1, 31.05].map { $0 * Self.mib }]), policy: policy)
        XCTAssertEqual(LimitVerdict.judge([pooled], policy: policy).first?.kind, .exceeded)
    }

    func testANoisyWorkloadNeedsALargerExcess() throws {
        // ±3 MiB between runs: σ ≈ 3 MiB, so the floor is ≈ 15 MiB and 10 MiB over is undecided.
        let noisy = [15.0, 18.0, 21.0].map { $0 * Self.mib }
        XCTAssertEqual(verdicts([(noisy, 8 * Self.mib)]).first?.kind, .undecided)
        XCTAssertEqual(verdicts([(noisy.map { $0 + 20 * Self.mib }, 8 * Self.mib)]).first?.kind, .exceeded)
    }

    func testEveryBudgetOfAReportIsOneHolmFamily() {
        let cell = ([8.6, 8.7, 8.65].map { $0 * Self.mib }, 7.5 * Self.mib)
        let alone = verdicts([cell])[0]
        let withOthers = verdicts([cell, ([1, 1.1, 1.05].map { $0 * Self.mib }, 8 * Self.mib), ([2, 2.1, 2.05].map { $0 * Self.mib }, 8 * Self.mib)])[0]
        XCTAssertEqual(withOthers.p, alone.p)
        XCTAssertGreaterThan(withOthers.adjustedP, alone.adjustedP)
        XCTAssertTrue(withOthers.method.hasSuffix("holm over 3 budget checks"), withOthers.method)
    }

    func testCountsAreExact() {
        XCTAssertEqual(LimitVerdict.exactCounts([101, 102], limit: 100).kind, .exceeded)
        XCTAssertEqual(LimitVerdict.exactCounts([99, 100], limit: 100).kind, .met)
        XCTAssertEqual(LimitVerdict.exactCounts([99, 101], limit: 100).kind, .undecided)
        XCTAssertEqual(LimitVerdict.exactCounts([], limit: 100).kind, .notJudged)
    }
}
