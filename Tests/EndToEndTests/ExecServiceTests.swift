import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Reporting

/// `bench exec --duration` for long-running services: SIGTERM at the end of the window is the
/// normal end, readiness that never comes is a clean failed run, the load's exit is reported,
/// and `--measure` picks the tree's sum or its largest process.
final class ExecServiceTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    let python = "/usr/bin/python3"
    var launcher: String { "\(WorkerTestSupport.workers.directory)/bench-exec-launcher" }

    func run(_ command: [String], service: ExecService, allocator: String = "glibc") throws -> RunResult {
        var options = CommandExecutor.Options(command: command, callerEnvironment: ProcessInfo.processInfo.environment)
        options.intervalMs = 5
        options.timeoutSeconds = 120
        options.launcher = launcher
        options.service = service
        let entry = RunPlan.Entry(scenario: "service-test", variant: "command", allocator: try WorkerTestSupport.configuration(allocator),
                                  size: 0, repetition: 1)
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        return CommandExecutor(options: options).run(entry, index: 0, folder: directory.path)
    }

    func testDurationEndsTheServiceWithSIGTERMAndTheRunIsOk() throws {
        let result = try run([python, "-c", "import time\nwhile True: time.sleep(0.05)"],
                             service: ExecService(durationSeconds: 1.5, loadCommand: "exit 0"))
        XCTAssertEqual(result.status, .ok, result.reason ?? "")
        let service = try XCTUnwrap(result.exec?.service)
        XCTAssertEqual(result.exec?.signal, SIGTERM)
        XCTAssertTrue(service.ending?.hasPrefix("SIGTERM after") ?? false, service.ending ?? "no ending")
        XCTAssertFalse(service.killedAfterGrace)
        XCTAssertEqual(service.loadExitCode, 0)
        XCTAssertEqual(service.loadStopped, false)
        XCTAssertEqual(result.record?.phases.last?.name, ExecService.shutdownPhase)
        // It ran at least its window (no upper bound: the machine may be loaded).
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(result.process?.wallSeconds), 1.5)
    }

    func testAServiceThatIgnoresSIGTERMIsKilledAfterTheGraceAndThatIsReported() throws {
        let ignoring = "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True: time.sleep(0.05)"
        let result = try run([python, "-c", ignoring], service: ExecService(durationSeconds: 1, graceSeconds: 0.5))
        XCTAssertEqual(result.status, .ok, result.reason ?? "")
        let service = try XCTUnwrap(result.exec?.service)
        XCTAssertTrue(service.killedAfterGrace)
        XCTAssertTrue(service.ending?.contains("SIGKILL") ?? false, service.ending ?? "no ending")
        XCTAssertEqual(result.exec?.signal, SIGKILL)
    }

    func testReadyThatNeverSucceedsIsACleanFailedRun() throws {
        let result = try run([python, "-c", "import time\nwhile True: time.sleep(0.05)"],
                             service: ExecService(durationSeconds: 30, readyCommand: "exit 7", readyTimeoutSeconds: 1, graceSeconds: 1))
        XCTAssertEqual(result.status, .failed)
        let reason = try XCTUnwrap(result.reason)
        XCTAssertTrue(reason.contains("not ready within 1 s"), reason)
        XCTAssertTrue(reason.contains("exited with status 7"), reason)
        XCTAssertLessThan(try XCTUnwrap(result.process?.wallSeconds), 30, "stopped at the ready timeout, not after the duration")
    }

    func testReadyStartsTheServePhaseAndAFailingLoadFailsTheRun() throws {
        let flag = try WorkerTestSupport.temporaryDirectory(self).appendingPathComponent("up").path
        let server = "import time\ntime.sleep(0.5)\nopen('\(flag)', 'w').close()\nwhile True: time.sleep(0.05)"
        let result = try run([python, "-c", server],
                             service: ExecService(durationSeconds: 1, readyCommand: "test -e '\(flag)'", loadCommand: "exit 3"))
        XCTAssertEqual(result.status, .failed)
        XCTAssertTrue(result.reason?.contains("load command exited with status 3") ?? false, result.reason ?? "")
        XCTAssertEqual(result.record?.phases.map(\.name), ["start", ExecService.servePhase, ExecService.shutdownPhase])
        let service = try XCTUnwrap(result.exec?.service)
        XCTAssertEqual(service.readyBy, "ready command")
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(service.readySeconds), 0.5)
    }

    /// A parent and two children, each child holding 80 MiB: the tree's sum is well above its
    /// largest process, and both figures are kept whichever one --measure chose.
    func testMeasureTreeSumsTheProcessesAndLargestTakesTheBiggestOne() throws {
        let forking = """
            import os, time
            for _ in range(2):
                if os.fork() == 0:
                    b = bytearray(80 << 20)
                    b[::4096] = b'x' * len(b[::4096])
                    while True: time.sleep(0.05)
            while True: time.sleep(0.05)
            """
        let tree = try run([python, "-c", forking], service: ExecService(durationSeconds: 2, measure: .tree))
        let largest = try run([python, "-c", forking], service: ExecService(durationSeconds: 2, measure: .largest))
        XCTAssertEqual(tree.status, .ok, tree.reason ?? "")
        XCTAssertEqual(largest.status, .ok, largest.reason ?? "")
        let treePeak = try XCTUnwrap(tree.record?.peakBytes)
        let largestPeak = try XCTUnwrap(largest.record?.peakBytes)
        XCTAssertGreaterThan(treePeak, 150 << 20, "two children of 80 MiB each")
        XCTAssertGreaterThan(largestPeak, 75 << 20)
        XCTAssertLessThan(largestPeak, 120 << 20, "one child, not the sum")
        XCTAssertEqual(tree.record?.peakMethod, .sampled)
        for result in [tree, largest] {
            let service = try XCTUnwrap(result.exec?.service)
            XCTAssertGreaterThan(try XCTUnwrap(service.windowTreePeakBytes), try XCTUnwrap(service.windowLargestProcessPeakBytes) + (60 << 20))
        }
        XCTAssertEqual(largest.exec?.service?.measure, .largest)
    }

    func testServiceOptionsWithoutDurationAreBadInput() throws {
        try BenchProcess.requireBench()
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let noDuration = try BenchProcess.run(["exec", "--ready", "true", "--", "sleep", "1"], home: home)
        XCTAssertEqual(noDuration.status, .exited(64), noDuration.stderr)
        XCTAssertTrue(noDuration.stderr.contains("--ready needs --duration"), noDuration.stderr)
        let badMeasure = try BenchProcess.run(["exec", "--measure", "sum", "--", "sleep", "1"], home: home)
        XCTAssertEqual(badMeasure.status, .exited(64), badMeasure.stderr)
        XCTAssertTrue(badMeasure.stderr.contains("give tree or largest"), badMeasure.stderr)
        let badTime = try BenchProcess.run(["exec", "--duration", "soon", "--", "sleep", "1"], home: home)
        XCTAssertEqual(badTime.status, .exited(64), badTime.stderr)
        XCTAssertTrue(badTime.stderr.contains("give a positive time"), badTime.stderr)
    }
}

extension ExecServiceTests {
    func testReadyPhaseMarkerStartsTheWindow() throws {
        let marking = """
            import os, time
            time.sleep(0.3)
            os.write(int(os.environ["MEMORYBENCH_PHASE_FD"]), b"phase up\\n")
            os.read(int(os.environ["MEMORYBENCH_PHASE_ACK_FD"]), 3)
            while True: time.sleep(0.05)
            """
        let result = try run([python, "-c", marking], service: ExecService(durationSeconds: 1, readyPhase: "up"))
        XCTAssertEqual(result.status, .ok, result.reason ?? "")
        XCTAssertEqual(result.exec?.service?.readyBy, "phase marker up")
        XCTAssertEqual(result.record?.phases.map(\.name), ["start", "up", ExecService.shutdownPhase])
    }
}
