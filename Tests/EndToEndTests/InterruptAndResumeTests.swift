import XCTest
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Doctor
@testable import Reporting

/// The real `bench` program stopped by a signal mid-suite, then resumed: nothing finished is
/// lost, nothing is measured twice, and the final report is whole.
final class InterruptAndResumeTests: XCTestCase {
    override func setUpWithError() throws {
        try WorkerTestSupport.requireWorkers()
        try BenchProcess.requireBench()
    }

    func testSigintKeepsFinishedRunsWritesAPartialReportAndResumeCompletesWithoutDoubles() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let reports = home.appendingPathComponent("reports")
        let cache = home.appendingPathComponent("cache").path
        // 2 variants × 2 configurations × 3 runs = 12 short runs.
        let suite = ["run", "load-all-vs-batched", "--variant", "load-all", "--variant", "cursor", "--size", "2000", "--runs", "3", "--max-runs", "3",
                     "--allocators", "glibc,glibc-arenas-1", "--memory-limit", "1GiB", "--cache-dir", cache,
                     "--out", reports.path, "--progress"]
        var signalled = false
        let first = try BenchProcess.run(suite, home: home) { pid, stderr in
            // Interrupt while the fifth run is under way.
            if !signalled && stderr.contains("[4/12]") {
                signalled = true
                kill(pid, SIGINT)
            }
        }
        XCTAssertTrue(signalled, first.stderr)
        XCTAssertEqual(first.status, .exited(130), first.stderr)
        let stopLine = try XCTUnwrap(first.stderrLines.last)
        XCTAssertTrue(stopLine.hasPrefix("bench: stopped by SIGINT after "), stopLine)
        XCTAssertTrue(stopLine.contains("continue with: bench all --resume "), stopLine)

        let runFolder = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: reports.path).first { $0.hasPrefix("20") })
        let directory = reports.appendingPathComponent(runFolder)
        let resultsPath = directory.appendingPathComponent("results.jsonl").path
        let partial = try ResultsFile(path: resultsPath).load().results
        XCTAssertGreaterThanOrEqual(partial.count, 4)
        XCTAssertLessThan(partial.count, 12)
        XCTAssertTrue(partial.allSatisfy { $0.status == .ok }, "\(partial.map(\.reason))")
        let partialReport = try JSONDecoder().decode(Report.self, from: Data(contentsOf: directory.appendingPathComponent("report.json")))
        XCTAssertTrue(partialReport.partial)
        XCTAssertEqual(partialReport.runs.count, partial.count)
        XCTAssertEqual(partialReport.plannedRuns, 12)
        let partialMarkdown = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(partialMarkdown.contains("**Partial report:** \(partial.count) of 12 planned runs finished."))
        XCTAssertTrue(partialMarkdown.contains("`bench all --resume <folder>`, the folder being this report's (`\(runFolder)`)"))
        XCTAssertEqual(workersStillRunning(using: cache), [], "the interrupted worker's process group was killed")

        let resumed = try BenchProcess.run(["all", "--resume", directory.path], home: home)
        XCTAssertEqual(resumed.status, .exited(0), resumed.stderr)
        let all = try ResultsFile(path: resultsPath).load()
        XCTAssertEqual(all.warnings, [])
        XCTAssertEqual(all.results.count, 12, "no run missing")
        XCTAssertEqual(Set(all.results.map(\.key)).count, 12, "no run doubled")
        XCTAssertEqual(Array(all.results.prefix(partial.count)).map(\.key), partial.map(\.key), "the first part is kept as it was")
        XCTAssertTrue(all.results.allSatisfy { $0.status == .ok })
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: directory.appendingPathComponent("report.json")))
        XCTAssertFalse(report.partial)
        XCTAssertEqual(report.runs.count, 12)
        XCTAssertEqual(report.cells.map(\.okRuns), [3, 3, 3, 3])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: reports.path).filter { $0.hasPrefix("20") }.count, 1,
                       "resume writes into the same folder")

        // Resuming a finished suite measures nothing more.
        let again = try BenchProcess.run(["all", "--resume", directory.path], home: home)
        XCTAssertEqual(again.status, .exited(0), again.stderr)
        XCTAssertEqual(try ResultsFile(path: resultsPath).load().results.count, 12)
    }

    func testSigtermStopsAHungWorkerAtOnceAndExits143() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let cache = home.appendingPathComponent("cache").path
        var signalled = false
        let start = Date()
        let result = try BenchProcess.run(["run", "fault", "--variant", "hang", "--variant", "good", "--allocators", "glibc", "--runs", "1",
                                           "--timeout", "120", "--cache-dir", cache, "--out", home.appendingPathComponent("reports").path,
                                           "--progress"], home: home) { pid, stderr in
            // Once the hang variant's worker runs (not the input preparation's).
            if !signalled && !self.workersStillRunning(using: cache, with: "hang").isEmpty {
                signalled = true
                kill(pid, SIGTERM)
            }
        }
        XCTAssertTrue(signalled)
        XCTAssertEqual(result.status, .exited(143), result.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(start), 60, "not held up by the 120 s timeout")
        XCTAssertTrue(result.stderr.contains("bench: stopped by SIGTERM after 0 of 2 runs"), result.stderr)
        XCTAssertEqual(workersStillRunning(using: cache), [])
    }

    /// Pids of worker processes whose command line names this test's cache folder.
    func workersStillRunning(using cache: String, with word: String? = nil) -> [Int32] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(Int32.init) ?? []
        return pids.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.first?.hasSuffix("bench-worker") == true && words.contains(cache) && word.map(words.contains) != false
        }
    }
}
