import Foundation
import XCTest
import BenchModel
@testable import Reporting
import Suite
import Exec
import Doctor

/// Real worker processes for end-to-end tests: the binaries SwiftPM built beside the test bundle.
enum WorkerTestSupport {
    static let workers = WorkerSet()

    static func requireWorkers(file: StaticString = #filePath, line: UInt = #line) throws {
        let path = "\(workers.directory)/bench-worker"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            XCTFail("\(path) is missing: build the package (swift build --build-tests) before testing", file: file, line: line)
            throw XCTSkip("no worker binary")
        }
    }

    static func configuration(_ name: String) throws -> AllocatorConfiguration {
        try XCTUnwrap(AllocatorConfiguration.builtIn().first { $0.name == name })
    }

    /// A folder removed when the test ends.
    static func temporaryDirectory(_ testCase: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    static func executor(_ directory: URL, options: WorkerExecutor.Options? = nil) -> WorkerExecutor {
        WorkerExecutor(workers: workers, options: options ?? WorkerExecutor.Options(cacheDirectory: directory.appendingPathComponent("cache").path),
                       scratchDirectory: directory.appendingPathComponent("scratch").path)
    }

    static func runner(_ directory: URL, executor: RunExecutor? = nil) -> Runner {
        Runner(executor: executor ?? Self.executor(directory), results: ResultsFile(path: directory.appendingPathComponent("results.jsonl").path),
               progress: ProgressReporter(enabled: false))
    }
}
