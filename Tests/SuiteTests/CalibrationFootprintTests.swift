import XCTest
@testable import BenchModel
@testable import Doctor

/// The calibration's noise floor from its measurements, and the smaps footprint parser (moved
/// here from CalibrationAndNoiseTests, now in ReportingTests, which links neither Doctor nor
/// the calibration's measurement).
final class CalibrationFootprintTests: XCTestCase {
    func testDerivedFloorIsTheLargestMovementRoundedToAPage() {
        let floor = CalibrationFigures.NoiseFloor(phases: 8, largestRssDeltaBytes: 81_000, largestPeakDeltaBytes: 4096, medianRssDeltaBytes: 0)
        XCTAssertEqual(CalibrationFigures.derivedNoiseFloor(floor: floor, precision: nil, pageBytes: 4096), 81_920)
        let quiet = CalibrationFigures.NoiseFloor(phases: 8, largestRssDeltaBytes: 0, largestPeakDeltaBytes: 0, medianRssDeltaBytes: 0)
        XCTAssertEqual(CalibrationFigures.derivedNoiseFloor(floor: quiet, precision: nil, pageBytes: 4096), 4096)
        XCTAssertEqual(CalibrationFigures.derivedNoiseFloor(
            floor: quiet, precision: .init(statusVsPageWalkMaxKiB: 0, hwmAfterResetVsRssMaxKiB: 256), pageBytes: 4096), 256 * 1024)
    }

    func testFootprintGroupsResidentBytesByMappedObject() {
        let smaps = """
            55d0c0000000-55d0c0021000 r--p 00000000 fd:01 123    /work/.build/release/bench-worker
            Size:                132 kB
            Rss:                 128 kB
            AnonHugePages:         0 kB
            7f0000000000-7f0000100000 r-xp 00000000 fd:01 456    /usr/lib/swift/linux/libFoundation.so
            Rss:                1000 kB
            7f0000200000-7f0000300000 r--p 00100000 fd:01 456    /usr/lib/swift/linux/libFoundation.so
            Rss:                  24 kB
            7f0000400000-7f0000500000 rw-p 00000000 00:00 0 
            Rss:                  40 kB
            7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0      [stack]
            Rss:                  12 kB
            VmFlags: rd wr mr mw me gd ac
            """
        let objects = ProcessFootprint.parse(smaps)
        XCTAssertEqual(objects.map(\.object), ["libFoundation.so", "bench-worker", "[anonymous]", "[stack]"])
        XCTAssertEqual(objects.first?.residentBytes, 1024 * 1024)
        let families = ObjectFamily.byFamily(objects)
        XCTAssertEqual(families.first?.family, "Foundation")
        XCTAssertEqual(families.first { $0.family.hasPrefix("anonymous") }?.bytes, 52 * 1024)
    }
}
