import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec

/// The allocator proved from inside each process by the preloaded probe: short commands are
/// proved every time (nothing is read from outside while they run).
final class ExecProbeTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    func testShortCommandsUnderJemallocPreloadAreAllProvedFromInside() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3 is missing")
        let cache = try WorkerTestSupport.temporaryDirectory(self).path
        let probe: String
        switch ExecProbeLibrary.prepare(cacheDirectory: cache, environment: ProcessInfo.processInfo.environment) {
        case .success(let path): probe = path
        case .failure(let unavailable): return XCTFail(unavailable.reason)
        }
        // Built once per source version: the second call finds it.
        XCTAssertEqual(try ExecProbeLibrary.prepare(cacheDirectory: cache, environment: [:]).get(), probe)
        let jemalloc = try WorkerTestSupport.configuration("jemalloc-preload")
        var options = CommandExecutor.Options(command: ["/usr/bin/python3", "-c", "b = bytearray(20 << 20)"],
                                              callerEnvironment: ProcessInfo.processInfo.environment)
        options.intervalMs = 2
        options.launcher = "\(WorkerTestSupport.workers.directory)/bench-exec-launcher"
        options.probeLibrary = probe
        let executor = CommandExecutor(options: options)
        let folder = try WorkerTestSupport.temporaryDirectory(self).path
        for repetition in 1...8 {
            let entry = RunPlan.Entry(scenario: "probe", variant: "command", allocator: jemalloc, size: 0, repetition: repetition)
            let result = executor.run(entry, index: repetition - 1, folder: folder)
            XCTAssertEqual(result.status, .ok, result.reason ?? "")
            let verified = try XCTUnwrap(result.verified, result.reason ?? "")
            XCTAssertEqual(verified.kind, .jemalloc)
            XCTAssertTrue(verified.version?.hasPrefix("jemalloc 5.") == true, verified.version ?? "no version")
            XCTAssertTrue(verified.proof.contains("reported from inside by the preloaded probe"), verified.proof)
            XCTAssertTrue(result.environment["LD_PRELOAD"]?.hasSuffix(" \(probe)") == true, result.environment["LD_PRELOAD"] ?? "")
        }
    }
}
