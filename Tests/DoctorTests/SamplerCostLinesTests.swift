import XCTest
@testable import BenchModel

/// `bench doctor` judges the sampler on its own work, shows the timer's floor beside it, and
/// judges the default schedule where it settles (10 ms from 10 s on), with the figures the
/// first README command printed on this VM: 2.99 % at 1 ms of which 2.72 % is the bare wake-up.
final class SamplerCostLinesTests: XCTestCase {
    func figures(oneMs: Double, tenMs: Double, bare: Double?) -> CalibrationFigures {
        CalibrationFigures(
            schemaVersion: CalibrationFigures.currentSchemaVersion, measuredAt: "2026-12-02T00:00:00Z", kernel: "6.1",
            buildConfiguration: "release",
            floor: .init(phases: 24, largestRssDeltaBytes: 0, largestPeakDeltaBytes: 0, medianRssDeltaBytes: 0),
            counterPrecision: nil, spikes: [], knownSizes: [],
            overhead: .init(idleCPUPercentByIntervalMs: ["1": oneMs, "10": tenMs, "0": 0.01], bareWakeCPUPercent1ms: bare,
                            cpuBoundWallSecondsSamplerOn: [], cpuBoundWallSecondsSamplerOff: [], workerFloorBytes: 0,
                            workerFloorByObject: [], processRunSeconds: []),
            noiseFloorBytes: 0)
    }

    func line(_ label: String, in figures: CalibrationFigures) throws -> (label: String, text: String, meetsGoal: Bool?) {
        try XCTUnwrap(figures.summaryLines().first { $0.label == label }, "no line \(label)")
    }

    func testTheSamplersOwnWorkIsJudgedApartFromTheTimersFloor() throws {
        let measured = figures(oneMs: 2.99, tenMs: 0.31, bare: 2.72)
        let own = try line("sampler CPU, its own work", in: measured)
        XCTAssertEqual(own.meetsGoal, true)
        XCTAssertTrue(own.text.hasPrefix("0.27 % of one core at 1 ms"), own.text)
        let floor = try line("timer's floor", in: measured)
        XCTAssertNil(floor.meetsGoal, "the platform's cost is shown, not judged")
        XCTAssertTrue(floor.text.contains("2.72 %"), floor.text)
        let settled = try line("sampler CPU by default", in: measured)
        XCTAssertEqual(settled.meetsGoal, true)
        XCTAssertTrue(settled.text.contains("0.31 %"), settled.text)
        XCTAssertFalse(measured.summaryLines().contains { $0.meetsGoal == false })
    }

    func testASamplerWhoseOwnWorkIsDearMissesItsGoal() throws {
        let dear = figures(oneMs: 4.5, tenMs: 1.6, bare: 2.0)
        XCTAssertEqual(try line("sampler CPU, its own work", in: dear).meetsGoal, false)
        XCTAssertEqual(try line("sampler CPU by default", in: dear).meetsGoal, false)
    }

    func testWithoutTheBareWakeUpTheWholeCostIsJudged() throws {
        let old = figures(oneMs: 2.99, tenMs: 0.31, bare: nil)
        XCTAssertEqual(try line("sampler CPU (idle worker)", in: old).meetsGoal, false)
        XCTAssertFalse(old.summaryLines().contains { $0.label == "timer's floor" })
    }
}
