import XCTest
@testable import MemoryProbe

/// The run's peak is the workload's: a verification phase is recorded but left out of it.
final class WorkerRecordPeakTests: XCTestCase {
    static let mib = 1 << 20

    func phase(_ name: String, start: Double, peakMiB: Int, verification: Bool? = nil) -> PhaseRecord {
        PhaseRecord(name: name, startSeconds: start, wallSeconds: 0.1, cpuSeconds: 0.1, startRssBytes: 10 * Self.mib,
                    rssBytes: 10 * Self.mib, rssAnonBytes: nil, rssFileBytes: nil, swapBytes: nil, peakBytes: peakMiB * Self.mib,
                    sampledPeakBytes: nil, allocatorStats: nil, note: nil, verification: verification)
    }

    func record(_ phases: [PhaseRecord], wall: Double? = nil) -> WorkerRecord {
        WorkerRecord(schemaVersion: 1, scenario: "bulk-writes", variant: "insert-per-row", size: 10, pid: 1,
                     allocator: AllocatorIdentity(kind: .glibc, version: "2.36", mallocProvider: "libc.so.6", mappedLibraries: [], evidence: []),
                     peakMethod: .clearRefs, peakMethodNote: nil,
                     baseline: PhaseSnapshot(status: ProcStatus(rssBytes: 10 * Self.mib, hwmBytes: 10 * Self.mib), allocatorStats: nil),
                     phases: phases, series: RssSeries(requestedIntervalMs: 1, effectiveIntervalMs: 1, samples: [], maxPoints: 10),
                     checks: [:], wallSecondsAfterBaseline: wall)
    }

    func testPeakLeavesOutVerificationPhasesButCoverageCountsThem() throws {
        let run = record([phase("write", start: 0, peakMiB: 30), phase("release", start: 0.1, peakMiB: 25),
                          phase("verify", start: 0.2, peakMiB: 60, verification: true)], wall: 0.4)
        XCTAssertEqual(run.peakBytes, 30 * Self.mib, "the 60 MiB of the table hash is not the workload's peak")
        XCTAssertEqual(run.wallSecondsInPhases, 0.3, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(run.phaseCoverage), 0.75, accuracy: 1e-12)

        let onlyVerification = record([phase("verify", start: 0, peakMiB: 60, verification: true)])
        XCTAssertEqual(onlyVerification.peakBytes, 10 * Self.mib, "no workload phase: the baseline")
        XCTAssertNil(onlyVerification.phaseCoverage, "an old record without the wall time")
    }

    func testVerificationIsAbsentFromWorkloadPhasesInTheJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let workload = String(decoding: try encoder.encode(phase("write", start: 0, peakMiB: 1)), as: UTF8.self)
        let verify = String(decoding: try encoder.encode(phase("verify", start: 0, peakMiB: 1, verification: true)), as: UTF8.self)
        XCTAssertFalse(workload.contains("verification"))
        XCTAssertTrue(verify.contains("\"verification\":true"))
        let decoded = try JSONDecoder().decode(PhaseRecord.self, from: Data(verify.utf8))
        XCTAssertEqual(decoded.verification, true)
    }
}
