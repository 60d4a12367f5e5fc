import XCTest
@testable import MemoryProbe

/// A long run stays cheap: the sampling interval backs off with the run's length, and a full
/// buffer (or exec's series) is halved by keeping the larger of each pair, so the sampled peak
/// survives any number of thinnings.
final class SamplingScheduleTests: XCTestCase {
    func testTheIntervalBacksOffWithTheRunsLengthUpToOneSecond() {
        XCTAssertEqual(SamplingSchedule.intervalSeconds(requested: 0.001, elapsedSeconds: 0.5), 0.001)
        XCTAssertEqual(SamplingSchedule.intervalSeconds(requested: 0.001, elapsedSeconds: 10), 0.010, accuracy: 1e-12)
        XCTAssertEqual(SamplingSchedule.intervalSeconds(requested: 0.001, elapsedSeconds: 120), 0.120, accuracy: 1e-12)
        XCTAssertEqual(SamplingSchedule.intervalSeconds(requested: 0.001, elapsedSeconds: 7_200), 1.0, "capped at a second")
        XCTAssertEqual(SamplingSchedule.intervalSeconds(requested: 5, elapsedSeconds: 7_200), 5, "a longer request is kept")
    }

    func testThirtyMinutesOfTheDefaultScheduleTakeAboutNineThousandSamples() {
        var elapsed = 0.0, samples = 0
        while elapsed < 1_800 {
            elapsed += SamplingSchedule.intervalSeconds(requested: 0.001, elapsedSeconds: elapsed)
            samples += 1
        }
        XCTAssertGreaterThan(samples, 7_000)
        XCTAssertLessThan(samples, 11_000)
    }

    func testHalvingKeepsTheLargerOfEachPairWithItsTime() {
        let samples: [(seconds: Double, rssBytes: Int)] = [(0, 5), (1, 9), (2, 7), (3, 3), (4, 4)]
        let halved = RssSeries.halved(samples)
        XCTAssertEqual(halved.map(\.seconds), [1, 2, 4])
        XCTAssertEqual(halved.map(\.rssBytes), [9, 7, 4])
    }

    func testTheSamplersThinningKeepsTheSampledPeak() throws {
        let sampler = try XCTUnwrap(RssSampler(intervalMs: 1, capacity: 16))
        // 200 samples through a 16-slot buffer: a dozen thinnings; the peak sits at an odd index.
        for i in 0..<200 { sampler.append(kib: i == 101 ? 9_999 : UInt32(100 + i % 7), micros: UInt32(i * 1_000)) }
        let samples = sampler.samples()
        XCTAssertLessThanOrEqual(samples.count, 16)
        XCTAssertEqual(samples.map(\.rssBytes).max(), 9_999 * 1024, "the peak survives every thinning")
        XCTAssertEqual(samples.first { $0.rssBytes == 9_999 * 1024 }?.seconds ?? -1, 0.101, accuracy: 1e-9, "with its own time")
        XCTAssertEqual(samples.map(\.seconds), samples.map(\.seconds).sorted())
    }
}
