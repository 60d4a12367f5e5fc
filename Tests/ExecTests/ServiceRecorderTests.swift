import XCTest
import MemoryProbe
@testable import Exec

/// A phase over several processes (`--measure tree|largest`) has no kernel high-water mark:
/// its peak is the sampled maximum, with wait4's figure as a floor; a one-process phase after
/// it is exact again.
final class ServiceRecorderTests: XCTestCase {
    func reading(_ seconds: Double, rss: Int, hwm: Int) -> ExternalPhaseRecorder.Reading {
        .init(seconds: seconds, status: ProcStatus(rssBytes: rss << 20, hwmBytes: hwm << 20), cpuSeconds: 0)
    }

    func testAMultiProcessPhaseTakesTheSampledMaximumNotTheSumOfHighWaterMarks() {
        var recorder = ExternalPhaseRecorder()
        recorder.sample(reading(0.0, rss: 10, hwm: 10))
        recorder.marker("serve", reading: reading(0.1, rss: 10, hwm: 10), resetError: nil)
        recorder.peaksSampled = true
        recorder.sample(reading(0.5, rss: 150, hwm: 400))  // a sum of high-water marks: never at once
        recorder.sample(reading(0.9, rss: 120, hwm: 400))
        recorder.marker("shutdown", reading: reading(1.0, rss: 100, hwm: 400), resetError: nil)
        XCTAssertFalse(recorder.peaksSampled, "a new phase starts exact until told otherwise")
        recorder.sample(reading(1.1, rss: 90, hwm: 100))
        recorder.finish(seconds: 1.2, maxRSSBytes: 100 << 20)
        XCTAssertEqual(recorder.phases.map(\.name), ["start", "serve", "shutdown"])
        XCTAssertEqual(recorder.phases[1].peakBytes, 150 << 20)
        XCTAssertEqual(recorder.phases[2].peakBytes, 100 << 20, "one process: wait4's exact peak")
        XCTAssertEqual(recorder.sampledPhases, 1)
    }

    func testWait4IsAFloorUnderTheSampledMaximum() {
        var recorder = ExternalPhaseRecorder()
        recorder.sample(reading(0.0, rss: 10, hwm: 10))
        recorder.peaksSampled = true
        recorder.sample(reading(0.5, rss: 60, hwm: 80))
        // A child peaked at 90 MiB between two samples; wait4 saw it.
        recorder.finish(seconds: 1.0, maxRSSBytes: 90 << 20)
        XCTAssertEqual(recorder.phases[0].peakBytes, 90 << 20)
        XCTAssertEqual(recorder.phases[0].sampledPeakBytes, 60 << 20)
    }
}
