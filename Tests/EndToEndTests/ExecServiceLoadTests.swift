import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Reporting

/// Requests served and faults in service runs (issue 24 items 2 and 8): a load that outlives the
/// window still gives its count (SIGINT first, so wrk prints its summary), the example load's
/// count file is read, a load or a service that dies mid-window ends the run at once with a
/// clear reason, and bench killed mid-window leaves no process behind and resumes.
final class ExecServiceLoadTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    let python = "/usr/bin/python3"
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/threaded-http-service").path

    func freePort() throws -> Int {
        let probe = Process()
        let pipe = Pipe()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        probe.standardOutput = pipe
        try probe.run()
        probe.waitUntilExit()
        return try XCTUnwrap(Int(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    func run(_ command: [String], service: ExecService, folder: String) -> RunResult {
        var options = CommandExecutor.Options(command: command, callerEnvironment: ProcessInfo.processInfo.environment)
        options.intervalMs = 5
        options.timeoutSeconds = 120
        options.launcher = "\(WorkerTestSupport.workers.directory)/bench-exec-launcher"
        options.service = service
        let entry = RunPlan.Entry(scenario: "load-test", variant: "command", allocator: AllocatorConfiguration.builtIn()[0], size: 0, repetition: 1)
        return CommandExecutor(options: options).run(entry, index: 0, folder: folder)
    }

    /// The example server on `port`, ready when its ready.py says so, loaded by `load`.
    func serve(port: Int, load: String, folder: String) -> RunResult {
        run([python, "\(example)/server.py", "\(port)"],
            service: ExecService(durationSeconds: 3, readyCommand: "\(python) \(example)/ready.py \(port)", loadCommand: load), folder: folder)
    }

    func testALoadThatOutlivesTheWindowStillGivesWrksCount() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else { throw XCTSkip("wrk is not installed (apt-get install -y wrk)") }
        let port = try freePort()
        let folder = try WorkerTestSupport.temporaryDirectory(self).path
        let result = serve(port: port, load: "wrk -t1 -c4 -d30s http://127.0.0.1:\(port)/report?rows=200", folder: folder)
        XCTAssertEqual(result.status, .ok, result.reason ?? "")
        let service = try XCTUnwrap(result.exec?.service)
        XCTAssertEqual(service.loadStopped, true, "wrk's -d30s outlived the 3 s window")
        XCTAssertEqual(service.requestsSource, "wrk summary")
        let log = try String(contentsOfFile: "\(folder)/\(try XCTUnwrap(service.loadLogPath))", encoding: .utf8)
        let summary = try XCTUnwrap(log.split(separator: "\n").first { $0.contains(" requests in ") }, "wrk printed no summary:\n\(log)")
        let requests = try XCTUnwrap(service.requests)
        XCTAssertEqual("\(requests)", summary.split(separator: " ").first.map(String.init), "bench's count is wrk's own")
        XCTAssertGreaterThan(requests, 10)
        let window = try XCTUnwrap(service.windowEndSeconds) - (try XCTUnwrap(service.windowStartSeconds))
        XCTAssertEqual(window, 3, accuracy: 0.5)
        XCTAssertEqual(try XCTUnwrap(service.requestsPerSecond), Double(requests) / window, accuracy: 1e-6)
    }

    func testTheExampleLoadsCountFileIsRead() throws {
        let port = try freePort()
        let folder = try WorkerTestSupport.temporaryDirectory(self).path
        // 2 threads × 5 requests: it ends before the window does.
        let result = serve(port: port, load: "\(python) \(example)/load.py \(port) 5 2", folder: folder)
        XCTAssertEqual(result.status, .ok, result.reason ?? "")
        let service = try XCTUnwrap(result.exec?.service)
        XCTAssertEqual(service.loadExitCode, 0)
        XCTAssertEqual(service.requestsSource, "count file")
        XCTAssertEqual(service.requests, 10)
    }

    func testALoadThatDiesMidWindowEndsTheWindowThereAndFailsTheRun() throws {
        let folder = try WorkerTestSupport.temporaryDirectory(self).path
        let result = run([python, "-c", "import time\nwhile True: time.sleep(0.05)"],
                         service: ExecService(durationSeconds: 60, loadCommand: "sleep 1; exit 2"), folder: folder)
        XCTAssertEqual(result.status, .failed)
        let reason = try XCTUnwrap(result.reason)
        XCTAssertTrue(reason.hasPrefix("the load command exited with status 2"), reason)
        XCTAssertTrue(reason.contains("s into the 60 s window; the window ended there"), reason)
        XCTAssertLessThan(try XCTUnwrap(result.process?.wallSeconds), 20, "not the whole minute")
        XCTAssertEqual(result.record?.phases.last?.name, ExecService.shutdownPhase, "what was measured is kept")
        XCTAssertEqual(result.exec?.signal, SIGTERM)
    }

    func testAServiceThatDiesMidWindowFailsTheRunAndItsLoadIsStopped() throws {
        let folder = try WorkerTestSupport.temporaryDirectory(self).path
        let result = run([python, "-c", "import sys, time\ntime.sleep(1)\nsys.exit(3)"],
                         service: ExecService(durationSeconds: 60, loadCommand: "sleep 300"), folder: folder)
        XCTAssertEqual(result.status, .failed)
        XCTAssertTrue(result.reason?.contains("exited with status 3") ?? false, result.reason ?? "")
        let service = try XCTUnwrap(result.exec?.service)
        XCTAssertEqual(service.loadStopped, true)
        XCTAssertLessThan(try XCTUnwrap(service.loadWallSeconds), 20)
        XCTAssertEqual(try XCTUnwrap(service.windowEndSeconds), 1, accuracy: 0.8, "the window ended with the service")
        XCTAssertFalse(result.record?.phases.isEmpty ?? true, "what was measured is kept")
    }

    func testBenchKilledMidWindowLeavesNothingRunningAndResumeFinishesTheSuite() throws {
        try BenchProcess.requireBench()
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let reports = home.appendingPathComponent("reports")
        let token = "memorybench-orphan-\(getpid())"
        let suite = ["exec", "--name", "killed", "--runs", "2", "--max-runs", "2", "--allocators", "glibc", "--duration", "2s",
                     "--load", "sleep 300 # \(token)", "--out", reports.path, "--progress",
                     "--", python, "-c", "import time  # \(token)\nwhile True: time.sleep(0.05)"]
        var killed = false
        let first = try BenchProcess.run(suite, home: home) { pid, stderr in
            // "[1/2]" is printed when the first run ended: the second one starts then.
            if !killed && stderr.contains("[1/2]") {
                killed = true
                usleep(1_000_000)  // inside the second run's window, its load running
                kill(pid, SIGKILL)
            }
        }
        XCTAssertTrue(killed, first.stderr)
        XCTAssertEqual(first.status, .signaled(SIGKILL))
        var left: [Int32] = []
        for _ in 0..<50 {
            left = processes(containing: token)
            if left.isEmpty { break }
            usleep(100_000)
        }
        XCTAssertEqual(left, [], "the service and its load died with bench")
        let runFolder = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: reports.path).first { $0.hasPrefix("20") })
        let directory = reports.appendingPathComponent(runFolder)
        let resultsPath = directory.appendingPathComponent("results.jsonl").path
        XCTAssertEqual(try ResultsFile(path: resultsPath).load().results.map(\.status), [.ok], "the finished run is kept")
        let resumed = try BenchProcess.run(["exec", "--resume", directory.path], home: home)
        XCTAssertEqual(resumed.status, .exited(0), resumed.stderr)
        let all = try ResultsFile(path: resultsPath).load().results
        XCTAssertEqual(all.map(\.repetition), [1, 2])
        XCTAssertEqual(all.map(\.status), [.ok, .ok])
    }

    func processes(containing word: String) -> [Int32] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(Int32.init) ?? []
        return pids.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(word)
        }
    }
}
