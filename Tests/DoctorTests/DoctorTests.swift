import XCTest
import Foundation
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Doctor
import TestSupport

/// The doctor's verdicts and the calibration's arithmetic, without a worker.
final class DoctorTests: XCTestCase {
    let mib = 1 << 20

    func preflight(_ configuration: AllocatorConfiguration, _ outcome: AllocatorPreflight.Outcome) -> AllocatorPreflight {
        AllocatorPreflight(configuration: configuration, outcome: outcome, reason: outcome == .verified ? nil : "scripted",
                           identity: nil, contendingThreads: 0, arenasUnderContention: nil, proof: outcome == .verified ? "proved" : nil)
    }

    func testAMissingConfigurationTheDefaultSuiteNeedsFailsTheDoctorAndAnOptInOneIsANote() {
        let doctor = Doctor(workers: WorkerSet(directory: "/nonexistent"), configurations: [], required: ["jemalloc-preload"],
                            scratchDirectory: "/tmp")
        let jemalloc = AllocatorConfiguration(name: "jemalloc-preload", summary: "", expectedKind: .jemalloc, package: "libjemalloc2")
        let tcmalloc = AllocatorConfiguration(name: "tcmalloc-preload", summary: "", expectedKind: .tcmalloc, package: "libtcmalloc-minimal4")
        let custom = AllocatorConfiguration(name: "mine", summary: "", expectedKind: nil)
        XCTAssertEqual(doctor.allocator(preflight(jemalloc, .verified)).verdict, .ok)
        let missing = doctor.allocator(preflight(jemalloc, .skipped))
        XCTAssertEqual(missing.verdict, .fail)
        XCTAssertEqual(missing.detail, "missing: scripted")
        XCTAssertEqual(missing.fix, "apt-get install -y libjemalloc2")
        XCTAssertEqual(doctor.allocator(preflight(tcmalloc, .skipped)).verdict, .note)
        XCTAssertEqual(doctor.allocator(preflight(tcmalloc, .failed)).verdict, .warn, "an opt-in package that fails its proof")
        XCTAssertEqual(doctor.allocator(preflight(custom, .failed)).verdict, .fail, "a configuration of no package is the user's own")
        XCTAssertTrue(Doctor.failed([missing]))
        XCTAssertFalse(Doctor.failed([doctor.allocator(preflight(tcmalloc, .skipped))]))
    }

    /// A calibration record over an 8 MiB baseline.
    func record(_ phases: [PhaseRecord], checks: [String: Int]) -> WorkerRecord {
        .fixture(scenario: "calibration", variant: "v", size: 1, baselineBytes: 8 * mib, phases: phases, checks: checks)
    }

    func testASpikeIsMeasuredFromItsPhasesStart() throws {
        let spike = try Calibrator.spike(from: record([.fixture("spike", baselineBytes: 10 * mib, peakBytes: 256 * mib, endBytes: mib,
                                                                sampledPeakBytes: 240 * mib),
                                                       .fixture("after", baselineBytes: 11 * mib, peakBytes: mib, endBytes: 0, sampledPeak: false)],
                                                      checks: ["spikeBytes": 256 * mib, "touchMicros": 9000]),
                                         allocator: "glibc", intervalMs: 10)
        XCTAssertEqual(spike.peakDeltaBytes, 256 * mib)
        XCTAssertEqual(spike.sampledPeakDeltaBytes, 240 * mib)
        XCTAssertEqual(spike.afterPhasePeakDeltaBytes, mib)
        XCTAssertEqual(spike.touchMicros, 9000)
        XCTAssertThrowsError(try Calibrator.spike(from: record([], checks: [:]), allocator: "glibc", intervalMs: 1))
    }

    func testAKnownSizeIsTheAllocatePhasesRssDelta() throws {
        let known = try Calibrator.knownSize(from: record([.fixture("allocate", baselineBytes: 10 * mib, peakBytes: 128 * mib, endBytes: 128 * mib,
                                                                    sampledPeak: false)],
                                                          checks: ["allocatedBytes": 128 * mib]), allocator: "jemalloc-preload")
        XCTAssertEqual(known.requestedBytes, 128 * mib)
        XCTAssertEqual(known.deltaBytes, 128 * mib)
        XCTAssertEqual(known.allocator, "jemalloc-preload")
        XCTAssertThrowsError(try Calibrator.knownSize(from: record([], checks: [:]), allocator: "glibc"))
    }

    func testAFootprintGroupsResidentBytesByMappedObject() {
        let smaps = """
            55d0c0000000-55d0c0021000 r--p 00000000 fd:01 123    /work/.build/release/bench-worker
            Rss:                 128 kB
            7f0000000000-7f0000100000 r-xp 00000000 fd:01 456    /usr/lib/swift/linux/libFoundation.so
            Rss:                1000 kB
            7f0000200000-7f0000300000 r--p 00100000 fd:01 456    /usr/lib/swift/linux/libFoundation.so
            Rss:                  24 kB
            7f0000400000-7f0000500000 rw-p 00000000 00:00 0
            Rss:                  40 kB
            7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0      [stack]
            Rss:                  12 kB
            """
        let objects = ProcessFootprint.parse(smaps)
        XCTAssertEqual(objects.map(\.object), ["libFoundation.so", "bench-worker", "[anonymous]", "[stack]"])
        XCTAssertEqual(objects.map(\.residentBytes), [1024 * 1024, 128 * 1024, 40 * 1024, 12 * 1024])
    }
}
