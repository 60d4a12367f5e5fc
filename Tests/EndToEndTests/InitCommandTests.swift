import Foundation
import XCTest
@testable import Suite

/// `bench init NAME`: the benchmark keeps the target's name as written, kebab-casing only its
/// CamelCase words; a name that is no target name is refused in one line. (OwnCodeTests builds
/// and runs what it writes.)
final class InitCommandTests: XCTestCase {
    func testBenchmarkNameKeepsTheTargetNameKebabCasingOnlyCamelCaseWords() throws {
        try BenchProcess.requireBench()
        let home = try WorkerTestSupport.temporaryDirectory(self)
        try Data("// swift-tools-version:6.1\n".utf8).write(to: home.appendingPathComponent("Package.swift"))
        let expected = [
            "CSVParse": "csv-parse", "JSONDecode": "json-decode", "csvParse": "csv-parse", "my-bench": "my-bench",
            "my_bench": "my_bench", "Parse2Files": "parse2-files", "SHA256Hash": "sha256-hash", "ParserMemory": "parser-memory",
        ]
        for (target, benchmark) in expected.sorted(by: { $0.key < $1.key }) {
            let result = try BenchProcess.run(["init", target, "--package-path", home.path], home: home)
            XCTAssertEqual(result.status, .exited(0), "\(target): \(result.stderr)")
            let main = try String(contentsOf: home.appendingPathComponent("MemoryBenchmarks/\(target)/main.swift"), encoding: .utf8)
            XCTAssertTrue(main.contains("MemoryBenchmark(\"\(benchmark)\""), "\(target) should be named \(benchmark):\n\(main)")
            XCTAssertTrue(result.stdout.contains("name: \"\(target)\""), "the target keeps its name: \(result.stdout)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("MemoryBenchmarks").path).count, expected.count)
    }

    func testANameThatIsNoTargetNameIsRefusedInOneLine() throws {
        try BenchProcess.requireBench()
        let home = try WorkerTestSupport.temporaryDirectory(self)
        try Data("// swift-tools-version:6.1\n".utf8).write(to: home.appendingPathComponent("Package.swift"))
        for name in ["2Fast", "my bench", "_x", "Café"] {
            let result = try BenchProcess.run(["init", name, "--package-path", home.path], home: home)
            XCTAssertEqual(result.status, .exited(64), name)
            XCTAssertTrue(result.stderr.contains("'\(name)' is not a target name: use a letter, then letters, digits, _ or - (e.g. CSVParse)"), result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent("MemoryBenchmarks").path), "nothing written for \(name)")
        }
    }
}
