import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec

/// Acknowledged phase markers: the command waits until bench has reset the tree's peaks, so
/// each phase's peak is exact; a command that does not wait gets peaks marked sampled.
final class ExecPhaseTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    /// Phase `big` allocates, touches and frees 100 MiB; phase `small` then takes 20 MiB.
    static func program(waits: Bool) -> String {
        """
        import os
        def phase(name):
            os.write(int(os.environ["MEMORYBENCH_PHASE_FD"]), f"phase {name}\\n".encode())
            if \(waits ? "True" : "False"):
                os.read(int(os.environ["MEMORYBENCH_PHASE_ACK_FD"]), 3)
        phase("big")
        b = bytearray(100 << 20)
        b[::4096] = b'x' * len(b[::4096])
        del b
        phase("small")
        c = bytearray(20 << 20)
        c[::4096] = b'x' * len(c[::4096])
        phase("end")
        # Stay a moment after the last marker: one written just before exit can be read after
        # the process is gone (counted as "after exit", a different case), which a loaded
        # machine made happen here once.
        import time
        time.sleep(0.3)
        """
    }

    func run(waits: Bool) throws -> RunResult {
        var options = CommandExecutor.Options(command: ["/usr/bin/python3", "-c", Self.program(waits: waits)],
                                              callerEnvironment: ProcessInfo.processInfo.environment)
        options.intervalMs = 5
        options.launcher = "\(WorkerTestSupport.workers.directory)/bench-exec-launcher"
        let entry = RunPlan.Entry(scenario: "phases", variant: "command", allocator: try WorkerTestSupport.configuration("glibc"),
                                  size: 0, repetition: 1)
        let result = CommandExecutor(options: options).run(entry, index: 0, folder: try WorkerTestSupport.temporaryDirectory(self).path)
        XCTAssertEqual(result.status, .ok, result.reason ?? "")
        return result
    }

    func testAcknowledgedPhasesHaveExactPeaks() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3 is missing")
        let record = try XCTUnwrap(try run(waits: true).record)
        XCTAssertEqual(record.peakMethod, .clearRefs, record.peakMethodNote ?? "")
        let phases = Dictionary(uniqueKeysWithValues: record.phases.map { ($0.name, $0) })
        let big = try XCTUnwrap(phases["big"])
        let small = try XCTUnwrap(phases["small"])
        let mib = Double(1 << 20)
        XCTAssertEqual(Double(big.peakBytes - big.startRssBytes), 100 * mib, accuracy: mib, "within 1 % of 100 MiB")
        XCTAssertEqual(Double(small.peakBytes - small.startRssBytes), 20 * mib, accuracy: mib, "within 1 MiB of 20 MiB")
    }

    func testAMarkerWithoutTheAcknowledgementReadMarksThePeaksSampled() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3 is missing")
        let record = try XCTUnwrap(try run(waits: false).record)
        XCTAssertEqual(record.peakMethod, .sampled)
        XCTAssertTrue(record.peakMethodNote?.contains("did not wait for the acknowledgement of 3 of its 3 phase marker(s)") == true,
                      record.peakMethodNote ?? "")
        XCTAssertEqual(record.phases.map(\.name), ["start", "big", "small", "end"])
    }
}
