import XCTest
@testable import MemoryProbe

/// The run's peak is the workload's: a verification phase is recorded but left out of it.
final class WorkerRecordPeakTests: XCTestCase {
    static let mib = 1 << 20

    func testPeakLeavesOutVerificationPhasesButCoverageCountsThem() throws {
        let run = WorkerRecord.probeTest([.probeTest("write", start: 0, peakMiB: 30), .probeTest("release", start: 0.1, peakMiB: 25),
                                          .probeTest("verify", start: 0.2, peakMiB: 60, verification: true)], wall: 0.4)
        XCTAssertEqual(run.peakBytes, 30 * Self.mib, "the 60 MiB of the table hash is not the workload's peak")
        XCTAssertEqual(run.wallSecondsInPhases, 0.3, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(run.phaseCoverage), 0.75, accuracy: 1e-12)

        let onlyVerification = WorkerRecord.probeTest([.probeTest("verify", start: 0, peakMiB: 60, verification: true)])
        XCTAssertEqual(onlyVerification.peakBytes, 10 * Self.mib, "no workload phase: the baseline")
        XCTAssertNil(onlyVerification.phaseCoverage, "an old record without the wall time")
    }

    func testVerificationIsAbsentFromWorkloadPhasesInTheJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let workload = String(decoding: try encoder.encode(PhaseRecord.probeTest("write", start: 0, peakMiB: 1)), as: UTF8.self)
        let verify = String(decoding: try encoder.encode(PhaseRecord.probeTest("verify", start: 0, peakMiB: 1, verification: true)),
                            as: UTF8.self)
        XCTAssertFalse(workload.contains("verification"))
        XCTAssertTrue(verify.contains("\"verification\":true"))
        let decoded = try JSONDecoder().decode(PhaseRecord.self, from: Data(verify.utf8))
        XCTAssertEqual(decoded.verification, true)
    }
}
