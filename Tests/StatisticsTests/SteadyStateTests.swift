import XCTest
import Foundation
@testable import Statistics

/// The steady state of synthetic service runs with known answers: a 120 s window sampled every
/// 50 ms, RSS in bytes; where the warm-up ends, the creep's slope and interval, the plateau,
/// and what the verdict may say about them.
final class SteadyStateTests: XCTestCase {
    static let mib = 1_048_576.0
    static let seconds = (0..<2_400).map { Double($0) * 0.05 }

    /// Gaussian noise (Box–Muller) from a seeded generator: the same series on every machine.
    struct Noise {
        var generator: SeededGenerator
        init(seed: UInt64) { generator = SeededGenerator(seed: seed) }
        mutating func gaussian(_ sigma: Double) -> Double {
            let u = max(Double.leastNonzeroMagnitude, Double.random(in: 0..<1, using: &generator))
            let v = Double.random(in: 0..<1, using: &generator)
            return sigma * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        /// A series that wanders: each sample keeps `phi` of the last one's deviation.
        mutating func wander(_ sigma: Double, phi: Double, count: Int) -> [Double] {
            var value = gaussian(sigma), out: [Double] = []
            for _ in 0..<count {
                value = phi * value + gaussian(sigma * (1 - phi * phi).squareRoot())
                out.append(value)
            }
            return out
        }
    }

    func run(_ shape: (Double) -> Double, sigma: Double, seed: UInt64) throws -> RunSteadyState {
        var noise = Noise(seed: seed)
        let bytes = Self.seconds.map { shape($0) + noise.gaussian(sigma) }
        return try XCTUnwrap(RunSteadyState(seconds: Self.seconds, bytes: bytes, windowStart: 0, windowEnd: 120))
    }

    func summary(_ shape: (Double) -> Double, sigma: Double, runs: Int = 3) throws -> SteadyStateSummary {
        let all = try (1...runs).map { try run(shape, sigma: sigma, seed: UInt64($0)) }
        let plateau = all.map(\.plateauBytes).sorted()[all.count / 2]
        // The equivalence margin as the report sets it: 2 % of the plateau, at least 1 MiB.
        return try XCTUnwrap(SteadyStateSummary(runs: all, margin: max(Self.mib, 0.02 * plateau)))
    }

    /// 10 MiB, rising evenly to 180 MiB over the first 25 s (the Hummingbird service's shape), then flat.
    static func rampThenFlat(_ t: Double) -> Double { 10 * mib + 170 * mib * min(t, 25) / 25 }

    func testFlatAfterAKnownWarmUpFindsTheWarmUpThePlateauAndSaysFlat() throws {
        for seed in UInt64(1)...3 {
            let run = try run(Self.rampThenFlat, sigma: 64 * 1024, seed: seed)
            XCTAssertTrue(run.warmupFound)
            // MSER cuts at the knee or a little after (never before it: the ramp is bias).
            XCTAssertGreaterThanOrEqual(run.warmupSeconds, 25 - 1.2, "seed \(seed)")
            XCTAssertLessThanOrEqual(run.warmupSeconds, 25 + 18, "seed \(seed)")
            XCTAssertEqual(run.plateauBytes, 180 * Self.mib, accuracy: 0.1 * Self.mib)
            XCTAssertEqual(run.finalBytes, 180 * Self.mib, accuracy: 0.5 * Self.mib)
        }
        let flat = try summary(Self.rampThenFlat, sigma: 64 * 1024)
        XCTAssertEqual(flat.creep, .flat)
        let interval = try XCTUnwrap(flat.slopeIntervalBytesPerMinute)
        XCTAssertTrue(interval.contains(0))
        XCTAssertLessThan(max(abs(interval.lower), abs(interval.upper)) * 2, flat.marginBytes)
        XCTAssertEqual(flat.intervalMethod, "3 runs as replicates")
        XCTAssertEqual(flat.warmupFoundRuns, 3)
    }

    func testAnExponentialApproachIsWarmUpUntilItsTailSinksIntoTheNoise() throws {
        // τ = 5 s: 170 MiB × e^(−t/5) falls under the 64 KiB noise after about 40 s.
        let run = try run({ 10 * Self.mib + 170 * Self.mib * (1 - exp(-$0 / 5)) }, sigma: 64 * 1024, seed: 4)
        XCTAssertTrue(run.warmupFound)
        XCTAssertGreaterThan(run.warmupSeconds, 15)
        XCTAssertLessThan(run.warmupSeconds, 60)
    }

    func testASteadyCreepIsASteadyStateAndCreepsAtItsSlope() throws {
        // +2 MiB a minute from 180 MiB: a constant slope is steady from the start.
        let creep = { (t: Double) in 180 * Self.mib + 2 * Self.mib * t / 60 }
        let run = try run(creep, sigma: 256 * 1024, seed: 5)
        XCTAssertTrue(run.warmupFound)
        XCTAssertLessThan(run.warmupSeconds, 20)
        XCTAssertEqual(run.slopeBytesPerMinute, 2 * Self.mib, accuracy: 0.1 * Self.mib)
        let summary = try summary(creep, sigma: 256 * 1024)
        XCTAssertEqual(summary.creep, .grows)
        XCTAssertTrue(try XCTUnwrap(summary.slopeIntervalBytesPerMinute).contains(2 * Self.mib))
        XCTAssertEqual(summary.creepOverWindowBytes, 4 * Self.mib, accuracy: 0.2 * Self.mib)
        XCTAssertEqual(summary.warmupFoundRuns, 3)
    }

    func testAWarmUpThenACreepFindsBoth() throws {
        let shape = { (t: Double) in Self.rampThenFlat(t) + 2 * Self.mib * max(0, t - 25) / 60 }
        let summary = try summary(shape, sigma: 64 * 1024)
        XCTAssertEqual(summary.warmupSeconds, 25, accuracy: 6)
        XCTAssertEqual(summary.creep, .grows)
        XCTAssertEqual(summary.slopeBytesPerMinute, 2 * Self.mib, accuracy: 0.1 * Self.mib)
    }

    func testAWarmUpLongerThanTheWindowIsUndecidedNotACreep() throws {
        // Still settling at the end (τ = 200 s in a 120 s window): it rises, but bends; a creep
        // verdict on it would be the 2-second soak's mistake.
        let settling = { (t: Double) in 40 * Self.mib + 60 * Self.mib * (1 - exp(-t / 200)) }
        let run = try run(settling, sigma: 64 * 1024, seed: 16)
        XCTAssertFalse(run.warmupFound)
        XCTAssertEqual(run.warmupSeconds, 60, accuracy: 1.2)
        XCTAssertGreaterThan(run.slopeBytesPerMinute, 0)
        let summary = try summary(settling, sigma: 64 * 1024)
        XCTAssertEqual(summary.warmupFoundRuns, 0)
        XCTAssertEqual(summary.creep, .noClearTrend)
        XCTAssertGreaterThan(try XCTUnwrap(summary.slopeIntervalBytesPerMinute).lower, 0, "the rise itself is sure")
    }

    func testAStepIsWarmUpAndThePlateauIsTheLevelAfterIt() throws {
        let step = { (t: Double) in t < 40 ? 50 * Self.mib : 70 * Self.mib }
        for seed in UInt64(6)...8 {
            let run = try run(step, sigma: 128 * 1024, seed: seed)
            // Never before the step (a run that found none would be judged on its second half: the same level).
            XCTAssertGreaterThanOrEqual(run.warmupSeconds, 40 - 1.2, "seed \(seed)")
            XCTAssertEqual(run.plateauBytes, 70 * Self.mib, accuracy: 0.05 * Self.mib)
        }
        let summary = try summary(step, sigma: 128 * 1024)
        XCTAssertEqual(summary.warmupSeconds, 40, accuracy: 12)
        XCTAssertEqual(summary.creep, .flat)
    }

    func testNoiseAloneHasNoWarmUpToSpeakOfAndIsFlat() throws {
        for seed in UInt64(9)...11 {
            let run = try run({ _ in 60 * Self.mib }, sigma: 256 * 1024, seed: seed)
            XCTAssertTrue(run.warmupFound)
            XCTAssertLessThan(run.warmupSeconds, 12, "seed \(seed)")
            XCTAssertEqual(run.plateauBytes, 60 * Self.mib, accuracy: 0.05 * Self.mib)
        }
        XCTAssertEqual(try summary({ _ in 60 * Self.mib }, sigma: 256 * 1024).creep, .flat)
    }

    func testANoisyFlatSeriesIsUndecidedNotFlat() throws {
        // No trend, but ±20 MiB of noise against a 1.2 MiB margin: "flat" would be a guess.
        let noisy = try summary({ _ in 60 * Self.mib }, sigma: 20 * Self.mib)
        XCTAssertEqual(noisy.creep, .noClearTrend)
        let interval = try XCTUnwrap(noisy.slopeIntervalBytesPerMinute)
        XCTAssertTrue(interval.contains(0))
        XCTAssertGreaterThan(max(abs(interval.lower), abs(interval.upper)) * 2, noisy.marginBytes)
    }

    func testAWanderingSeriesIsUndecidedEvenWhereAFitThroughTheSamplesLooksSure() throws {
        // RSS that drifts by ±5 MiB over tens of seconds, no trend: the samples are far from
        // independent. A least-squares line through them claims a slope; the runs do not.
        var runs: [RunSteadyState] = []
        var naiveSure = 0
        for seed in UInt64(12)...14 {
            var noise = Noise(seed: seed)
            let bytes = noise.wander(5 * Self.mib, phi: 0.999, count: Self.seconds.count).map { 60 * Self.mib + $0 }
            runs.append(try XCTUnwrap(RunSteadyState(seconds: Self.seconds, bytes: bytes, windowStart: 0, windowEnd: 120, repetition: Int(seed))))
            let naive = try XCTUnwrap(GrowthTrend(x: Self.seconds, y: bytes, floor: 0))
            if try XCTUnwrap(naive.slopeInterval).contains(0) == false { naiveSure += 1 }
        }
        XCTAssertEqual(naiveSure, 3, "the naive fit should be 'sure' of a slope in every run")
        let summary = try XCTUnwrap(SteadyStateSummary(runs: runs, margin: 1.2 * Self.mib))
        XCTAssertEqual(summary.creep, .noClearTrend)
        XCTAssertEqual(summary.runs.map(\.repetition), [12, 13, 14])
    }

    func testOneRunUsesItsBatchMeansAndCreepIsStillSeen() throws {
        let one = try summary({ 180 * Self.mib + 2 * Self.mib * $0 / 60 }, sigma: 256 * 1024, runs: 1)
        XCTAssertEqual(one.creep, .grows)
        XCTAssertTrue(one.intervalMethod.hasPrefix("one run: batch means"), one.intervalMethod)
        XCTAssertEqual(one.slopeDegreesOfFreedom, try XCTUnwrap(one.runs.first).slopeDegreesOfFreedom)
    }

    func testRequestsGiveTheSlopePer1000RequestsAtTheMedianRate() throws {
        var noise = Noise(seed: 15)
        let bytes = Self.seconds.map { 100 * Self.mib + 6 * Self.mib * $0 / 60 + noise.gaussian(64 * 1024) }
        // 12,000 requests in 120 s: 100 a second, so 6 MiB a minute is 1 MiB per 1,000 requests.
        let run = try XCTUnwrap(RunSteadyState(seconds: Self.seconds, bytes: bytes, windowStart: 0, windowEnd: 120, requests: 12_000))
        let summary = try XCTUnwrap(SteadyStateSummary(runs: [run], margin: Self.mib))
        XCTAssertEqual(summary.requests, 12_000)
        XCTAssertEqual(try XCTUnwrap(summary.requestsPerSecond), 100, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(summary.slopeBytesPerThousandRequests), Self.mib, accuracy: 0.05 * Self.mib)
        XCTAssertTrue(try XCTUnwrap(summary.slopeIntervalBytesPerThousandRequests).contains(try XCTUnwrap(summary.slopeBytesPerThousandRequests)))
        // Without counts: nothing per request.
        let unknown = try XCTUnwrap(RunSteadyState(seconds: Self.seconds, bytes: bytes, windowStart: 0, windowEnd: 120))
        XCTAssertNil(SteadyStateSummary(runs: [unknown], margin: Self.mib)?.slopeBytesPerThousandRequests)
    }

    func testTheWindowIsWhatIsReadAndTooFewSamplesAreNoSteadyState() throws {
        // A start-up spike before the window (t < 10 s) is not the service's warm-up.
        let bytes = Self.seconds.map { $0 < 10 ? 400 * Self.mib : 80 * Self.mib }
        let run = try XCTUnwrap(RunSteadyState(seconds: Self.seconds, bytes: bytes, windowStart: 10, windowEnd: 120, finalBytes: 81 * Self.mib))
        XCTAssertEqual(run.windowSeconds, 110)
        XCTAssertEqual(run.warmupSeconds, 0)
        XCTAssertEqual(run.plateauBytes, 80 * Self.mib)
        XCTAssertEqual(run.finalBytes, 81 * Self.mib)
        XCTAssertNil(RunSteadyState(seconds: [0, 1, 2], bytes: [1, 2, 3], windowStart: 0, windowEnd: 2))
        XCTAssertNil(RunSteadyState(seconds: Self.seconds, bytes: bytes, windowStart: 5, windowEnd: 5))
    }

    func testMSERKeepsAFlatOrLinearSeriesWholeAndCutsAStep() throws {
        let x = (0..<40).map(Double.init)
        XCTAssertEqual(WarmupDetection.mser(times: x, values: x.map { _ in 5 }), .init(index: 0, found: true))
        XCTAssertEqual(WarmupDetection.mser(times: x, values: x.map { 3 * $0 + 1 }), .init(index: 0, found: true))
        let step = x.map { $0 < 10 ? 0.0 : 10.0 }
        XCTAssertEqual(WarmupDetection.mser(times: x, values: step), .init(index: 10, found: true))
        // Still bending at the end: the minimum is past the middle, no steady state found.
        XCTAssertEqual(WarmupDetection.mser(times: x, values: x.map { $0.squareRoot() })?.found, false)
        XCTAssertNil(WarmupDetection.mser(times: [0, 1, 2, 3], values: [1, 2, 3, 4]))
        XCTAssertNil(WarmupDetection.mser(times: [0, 1], values: [1, 2, 3, 4, 5]))
    }
}
