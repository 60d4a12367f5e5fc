import Foundation
import XCTest
import MemoryProbe

/// `bench-worker` run directly (no runner), for tests of the worker's own contract.
enum WorkerCommand {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    static var path: String { "\(WorkerTestSupport.workers.directory)/bench-worker" }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the child runs, so neither fills up and blocks it.
        let group = DispatchGroup()
        let box = Box()
        group.enter()
        DispatchQueue.global().async {
            box.stderr = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: box.stderr, as: UTF8.self))
    }

    final class Box: @unchecked Sendable { var stderr = Data() }

    /// The worker's `catalog`, decoded.
    static func catalog(file: StaticString = #filePath, line: UInt = #line) throws -> ScenarioCatalogDescription {
        let result = try run(["catalog"])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try JSONDecoder().decode(ScenarioCatalogDescription.self, from: result.stdout)
    }
}
