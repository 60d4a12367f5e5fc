import XCTest
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Reporting

/// The real `bench exec` stopped by a signal, killed outright, and resumed; and its memory cap.
final class ExecInterruptTests: XCTestCase {
    override func setUpWithError() throws {
        try WorkerTestSupport.requireWorkers()
        try BenchProcess.requireBench()
    }

    /// Pids of processes whose command line is exactly `words`.
    func processes(_ words: [String]) -> [Int32] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(Int32.init) ?? []
        return pids.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) } == words
        }
    }

    func waitUntilGone(_ words: [String], seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if processes(words).isEmpty { return true }
            usleep(20_000)
        }
        return processes(words).isEmpty
    }

    func testCtrlCStopsTheCommandWithinTwoSecondsAndResumeRunsOnlyTheMissingRuns() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let reports = home.appendingPathComponent("reports")
        let flag = home.appendingPathComponent("resumed").path
        // Run 2 sleeps 30 s until the flag exists; the others take 0.3 s.
        let long = ["sleep", "30.123"]
        let script = "if [ \"$MEMORYBENCH_RUN\" = 2 ] && [ ! -e '\(flag)' ]; then exec sleep 30.123; fi; sleep 0.3"
        var signalledAt: Date?
        let first = try BenchProcess.run(["exec", "--runs", "3", "--max-runs", "3", "--allocators", "glibc", "--out", reports.path,
                                          "--progress", "--", "sh", "-c", script], home: home) { pid, _ in
            if signalledAt == nil && !self.processes(long).isEmpty {
                signalledAt = Date()
                kill(pid, SIGINT)
            }
        }
        let stopped = try XCTUnwrap(signalledAt, first.stderr)
        let seconds = Date().timeIntervalSince(stopped)
        XCTAssertLessThan(seconds, 2, "bench returned \(seconds) s after SIGINT")
        XCTAssertEqual(first.status, .exited(130), first.stderr)
        XCTAssertEqual(processes(long), [], "the command did not outlive bench")
        let stopLine = try XCTUnwrap(first.stderrLines.last)
        XCTAssertTrue(stopLine.contains("continue with: bench exec --resume "), stopLine)

        let runFolder = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: reports.path).first { $0.hasPrefix("20") })
        let directory = reports.appendingPathComponent(runFolder)
        let resultsPath = directory.appendingPathComponent("results.jsonl").path
        let partial = try ResultsFile(path: resultsPath).load().results
        XCTAssertEqual(partial.map(\.repetition), [1], "the interrupted run is not recorded")
        XCTAssertEqual(partial.map(\.status), [.ok])
        let plan = try SuiteFile.load(from: RunFolder(directory))
        XCTAssertEqual(plan.exec?.command, ["sh", "-c", script])
        XCTAssertEqual(plan.exec?.environment["HOME"], home.path)
        let markdown = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("`bench exec --resume <folder>`"))

        // The wrong command says the right one.
        let wrong = try BenchProcess.run(["all", "--resume", directory.path], home: home)
        XCTAssertEqual(wrong.status, .exited(65), wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("continue it with bench exec --resume"), wrong.stderr)

        XCTAssertTrue(FileManager.default.createFile(atPath: flag, contents: Data()))
        let resumed = try BenchProcess.run(["exec", "--resume", directory.path], home: home)
        XCTAssertEqual(resumed.status, .exited(0), resumed.stderr)
        let all = try ResultsFile(path: resultsPath).load().results
        XCTAssertEqual(all.map(\.repetition), [1, 2, 3])
        XCTAssertEqual(all.map(\.status), [.ok, .ok, .ok], "\(all.map(\.reason))")
        XCTAssertEqual(all.first?.key, partial.first?.key)
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: directory.appendingPathComponent("report.json")))
        XCTAssertFalse(report.partial)
    }

    func testACommandThatIgnoresSIGTERMIsKilledAfterTheGraceAndBenchExits143() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        // The shell ignores TERM and INT, and so does the sleep it starts in the background.
        let long = ["sleep", "30.321"]
        var signalledAt: Date?
        let result = try BenchProcess.run(["exec", "--runs", "1", "--allocators", "glibc", "--out", home.appendingPathComponent("r").path,
                                           "--", "sh", "-c", "trap '' TERM INT; sleep 30.321 & wait; wait"], home: home) { pid, _ in
            if signalledAt == nil && !self.processes(long).isEmpty {
                signalledAt = Date()
                kill(pid, SIGTERM)
            }
        }
        let stopped = try XCTUnwrap(signalledAt)
        XCTAssertLessThan(Date().timeIntervalSince(stopped), CommandExecutor.interruptGraceSeconds + 1)
        XCTAssertEqual(result.status, .exited(143), result.stderr)
        XCTAssertEqual(processes(long), [])
    }

    func testKillingBenchTakesTheLauncherAndTheCommandAlong() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let long = ["sleep", "30.456"]
        var killed = false
        _ = try BenchProcess.run(["exec", "--runs", "1", "--allocators", "glibc", "--out", home.appendingPathComponent("r").path,
                                  "--", "sh", "-c", "setsid sleep 30.456; true"], home: home) { pid, _ in
            if !killed && !self.processes(long).isEmpty {
                killed = true
                kill(pid, SIGKILL)
            }
        }
        XCTAssertTrue(killed)
        XCTAssertTrue(waitUntilGone(long, seconds: 2), "the command's tree outlived a killed bench")
        XCTAssertTrue(waitUntilGone(["sh", "-c", "setsid sleep 30.456; true"], seconds: 2))
    }

    func testTheMemoryLimitCapsTheCommandsTreeAndIsAnOOMResult() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let reports = home.appendingPathComponent("r")
        let program = "import time\nb = bytearray(300 << 20)\nb[::4096] = b'x' * len(b[::4096])\ntime.sleep(5)"
        let start = Date()
        let result = try BenchProcess.run(["exec", "--runs", "1", "--allocators", "glibc", "--memory-limit", "100MiB", "--out", reports.path,
                                           "--", "sh", "-c", "python3 -c \"$0\"; true", program], home: home)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "killed at the cap, not after the sleep")
        XCTAssertEqual(result.status, .exited(0), result.stderr)
        let runFolder = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: reports.path).first { $0.hasPrefix("20") })
        let results = try ResultsFile(path: reports.appendingPathComponent(runFolder).appendingPathComponent("results.jsonl").path).load().results
        XCTAssertEqual(results.map(\.status), [.oom], "\(results.map(\.reason))")
        XCTAssertTrue(results.first?.reason?.hasPrefix("OOM at the cap (100 MiB)") == true, results.first?.reason ?? "")
        XCTAssertEqual(results.first?.limits?.memoryCapBytes, 100 << 20)
        XCTAssertNil(results.first?.limits?.dataLimitBytes)
    }
}
