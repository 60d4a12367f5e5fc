import XCTest
@testable import BenchModel
@testable import Reporting
@testable import Suite
@testable import Exec
@testable import Doctor

/// Input a user can type, run through the real `bench` program: each is refused (or warned
/// about) in exactly one line on stderr with the documented exit status, never a trap or a
/// stack trace.
final class BadInputTests: XCTestCase {
    override func setUpWithError() throws {
        try WorkerTestSupport.requireWorkers()
        try BenchProcess.requireBench()
    }

    struct Case {
        var name: String
        var arguments: [String]
        var status: Int32
        var says: String
        /// Runs through `/bin/sh -c` with this prefix (resource limits).
        var shellPrefix: String? = nil
    }

    func testEachBadInputIsOneLineWithItsExitStatus() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let cache = home.appendingPathComponent("cache").path
        let out = home.appendingPathComponent("reports").path
        // A finished two-run suite, copied and damaged for the --resume cases.
        let made = try BenchProcess.run(["run", "fault", "--variant", "good", "--size", "4", "--runs", "2", "--allocators", "glibc",
                                         "--cache-dir", cache, "--out", out], home: home)
        XCTAssertEqual(made.status, .exited(0), made.stderr)
        let fixture = URL(fileURLWithPath: out).appendingPathComponent(
            try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasPrefix("20") }))
        func damaged(_ name: String, _ file: String, _ change: (String) -> String) throws -> String {
            let copy = home.appendingPathComponent(name)
            try FileManager.default.copyItem(at: fixture, to: copy)
            let url = copy.appendingPathComponent(file)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
            return copy.path
        }
        let newer = { (text: String) in
            text.replacingOccurrences(of: #""schemaVersion" ?: ?[0-9]+"#, with: #""schemaVersion" : 99"#, options: .regularExpression)
        }
        let run = ["run", "fault", "--variant", "good", "--size", "4", "--runs", "1", "--allocators", "glibc", "--cache-dir", cache]

        let cases: [Case] = [
            Case(name: "unknown command", arguments: ["frobnicate"], status: 64, says: "frobnicate"),
            Case(name: "unknown scenario", arguments: ["run", "no-such-scenario"], status: 64, says: "unknown scenario 'no-such-scenario'"),
            Case(name: "unknown variant", arguments: ["run", "load-all-vs-batched", "--variant", "nope"], status: 64, says: "has no variant 'nope'"),
            Case(name: "unknown allocator", arguments: ["run", "fault", "--allocators", "glibc,nope"], status: 64, says: "unknown allocator configuration 'nope'"),
            Case(name: "allocator spec without a name", arguments: ["run", "fault", "--custom-allocator", "MALLOC_CONF=x"], status: 64, says: "must start with a name"),
            Case(name: "allocator spec item not KEY=VALUE", arguments: ["run", "fault", "--custom-allocator", "je MALLOC_CONF"], status: 64, says: "is not KEY=VALUE"),
            Case(name: "relative preload", arguments: ["run", "fault", "--custom-allocator", "mine preload=libmine.so"], status: 64, says: "absolute path"),
            Case(name: "missing preload library", arguments: ["run", "fault", "--custom-allocator", "mine preload=/nonexistent/libmine.so"], status: 64, says: "preload library /nonexistent/libmine.so does not exist"),
            Case(name: "size zero", arguments: ["run", "fault", "--size", "0"], status: 64, says: "'0'"),
            Case(name: "size negative", arguments: ["run", "fault", "--size=-5"], status: 64, says: "-5"),
            Case(name: "size not a number", arguments: ["run", "fault", "--size", "lots"], status: 64, says: "'lots'"),
            Case(name: "memory limit not a size", arguments: ["run", "fault", "--memory-limit", "12XB"], status: 64, says: "--memory-limit '12XB' is not a size"),
            Case(name: "memory limit too small", arguments: ["run", "fault", "--memory-limit", "1MiB"], status: 64, says: "below the 64 MiB minimum"),
            Case(name: "memory limit above the machine", arguments: ["run", "fault", "--memory-limit", "64TiB"], status: 64, says: "more than this machine's"),
            Case(name: "timeout zero", arguments: ["run", "fault", "--timeout", "0"], status: 64, says: "--timeout must be a positive number"),
            Case(name: "runs zero", arguments: ["run", "fault", "--runs", "0"], status: 64, says: "--runs must be between 1 and 100"),
            Case(name: "max-runs below runs", arguments: ["all", "--quick", "--runs", "3", "--max-runs", "2"], status: 64, says: "--max-runs must be between --runs (3) and 100"),
            Case(name: "quiet with progress", arguments: ["run", "fault", "--quiet", "--progress"], status: 64, says: "--quiet and --progress contradict"),
            Case(name: "resume with other options", arguments: ["all", "--resume", fixture.path, "--runs", "2"], status: 64, says: "do not combine it with --runs"),
            Case(name: "output folder not writable", arguments: run + ["--out", "/proc/version/reports"], status: 74, says: "cannot create /proc/version/reports"),
            Case(name: "disk full (file size limit)", arguments: run + ["--out", out], status: 74, says: "File too large",
                 shellPrefix: "trap '' XFSZ; ulimit -f 1;"),
            Case(name: "resume a folder that does not exist", arguments: ["all", "--resume", "/nonexistent/run"], status: 65, says: "no such folder"),
            Case(name: "resume a folder without suite.json", arguments: ["all", "--resume", home.path], status: 65, says: "has no suite.json"),
            Case(name: "suite.json truncated", arguments: ["all", "--resume", try damaged("suite-truncated", "suite.json") { String($0.prefix(40)) }],
                 status: 65, says: "suite.json is not JSON"),
            Case(name: "suite.json from a newer bench", arguments: ["all", "--resume", try damaged("suite-newer", "suite.json", newer)],
                 status: 65, says: "suite.json has schemaVersion 99"),
            Case(name: "results.jsonl not JSON", arguments: ["all", "--resume", try damaged("results-garbage", "results.jsonl") { _ in "hello\nworld\n" }],
                 status: 65, says: "is not a MemoryBench results file"),
            Case(name: "results.jsonl from a newer bench", arguments: ["all", "--resume", try damaged("results-newer", "results.jsonl", newer)],
                 status: 65, says: "has schemaVersion 99"),
            Case(name: "report.json from a newer bench", arguments: ["all", "--resume", try damaged("report-newer", "report.json", newer)],
                 status: 65, says: "report.json has schemaVersion 99"),
            Case(name: "report.json truncated (warning)", arguments: ["all", "--resume", try damaged("report-truncated", "report.json") { String($0.prefix(100)) }],
                 status: 0, says: "bench: warning: "),
            Case(name: "results.jsonl with a partial last line (warning)",
                 arguments: ["all", "--resume", try damaged("results-partial", "results.jsonl") { $0 + "{\"schemaVersion\":1,\"scen" }],
                 status: 0, says: "line 3 is not a complete result and was skipped"),
        ]
        XCTAssertGreaterThanOrEqual(cases.count, 15)
        for item in cases {
            let result: BenchProcess.Result
            if let prefix = item.shellPrefix {
                let command = prefix + " exec " + ([BenchProcess.path] + item.arguments).map(shellQuote).joined(separator: " ")
                result = try BenchProcess.run(["-c", command], home: home, executable: "/bin/sh")
            } else {
                result = try BenchProcess.run(item.arguments, home: home)
            }
            XCTAssertEqual(result.status, .exited(item.status), "\(item.name): \(result.stderr)")
            XCTAssertEqual(result.stderrLines.count, 1, "\(item.name): stderr is not one line:\n\(result.stderr)")
            let line = result.stderrLines.first ?? ""
            XCTAssertTrue(line.hasPrefix("bench: "), "\(item.name): \(line)")
            XCTAssertTrue(line.contains(item.says), "\(item.name): '\(line)' does not say '\(item.says)'")
            for trace in ["Fatal error", "Program crashed", "Backtrace", "Stack dump", "Thread 0"] {
                XCTAssertFalse(result.stderr.contains(trace), "\(item.name): \(result.stderr)")
            }
            print("bad input | \(item.name) | bench \(item.arguments.joined(separator: " ")) | exit \(item.status) | \(line)")
        }
    }

    func shellQuote(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
