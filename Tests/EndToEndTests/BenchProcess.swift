import Foundation
import XCTest
@testable import BenchModel
@testable import Reporting
@testable import Suite
@testable import Exec
@testable import Doctor

/// The real `bench` program from the build folder, run as a child process.
enum BenchProcess {
    static var path: String { "\(WorkerTestSupport.workers.directory)/bench" }

    struct Result {
        var status: ChildProcess.Outcome.Termination
        var stdout: String
        var stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    static func requireBench(file: StaticString = #filePath, line: UInt = #line) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            XCTFail("\(path) is missing: build the package (swift build --build-tests) before testing", file: file, line: line)
            throw XCTSkip("no bench binary")
        }
    }

    /// Runs `bench ARGUMENTS`; `onTick` sees the pid and the stderr so far (to send a signal).
    static func run(_ arguments: [String], home: URL, timeoutSeconds: Double = 120, executable: String? = nil,
                    onTick: ((pid_t, String) -> Void)? = nil) throws -> Result {
        var child = ChildProcess(executable: executable ?? path, arguments: arguments,
                                 environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home.path, "LANG": "C.UTF-8"],
                                 timeoutSeconds: timeoutSeconds)
        let seen = StderrBuffer()
        child.onData = { stream, data in if stream == 1 { seen.text += String(decoding: data, as: UTF8.self) } }
        if let onTick {
            child.onTick = { pid, _ in
                onTick(pid, seen.text)
                return .keepRunning
            }
        }
        let outcome = try child.run()
        XCTAssertFalse(outcome.timedOut, "bench \(arguments.joined(separator: " ")) timed out")
        return Result(status: outcome.termination, stdout: String(decoding: outcome.stdout, as: UTF8.self),
                      stderr: String(decoding: outcome.stderr, as: UTF8.self))
    }

    final class StderrBuffer: @unchecked Sendable { var text = "" }
}
