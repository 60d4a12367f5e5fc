import XCTest
import Foundation
@testable import BenchModel
@testable import Suite

/// A suite's report is the report of its folder: `bench report` of the folder right after the
/// suite rewrites report.md, details.md, report.json and every chart byte for byte, for a suite
/// of MemoryBench's workers and for a `bench exec` suite.
final class ReportOfFolderTests: XCTestCase {
    override func setUpWithError() throws {
        try WorkerTestSupport.requireWorkers()
        try BenchProcess.requireBench()
    }

    /// The report files of the folder `latest` points at.
    func reportFiles(_ reports: URL) throws -> [String: Data] {
        let folder = RunFolder(reports.appendingPathComponent(RunFolder.latestLinkName).resolvingSymlinksInPath())
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".svg") || [RunFolder.reportJSONFileName, RunFolder.reportMarkdownFileName, RunFolder.detailsFileName].contains($0) }
        return Dictionary(uniqueKeysWithValues: try names.map { ($0, try Data(contentsOf: folder.file($0))) })
    }

    func assertReportIsItsFolders(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let reports = home.appendingPathComponent("reports")
        let command = [arguments[0], "--out", reports.path, "--cache-dir", home.appendingPathComponent("cache").path] + arguments.dropFirst()
        let suite = try BenchProcess.run(command, home: home, timeoutSeconds: 300)
        XCTAssertEqual(suite.status, .exited(0), suite.stderr, file: file, line: line)
        let written = try reportFiles(reports)
        XCTAssertGreaterThanOrEqual(written.count, 4, "report.json, report.md, details.md and at least one chart", file: file, line: line)
        let rerender = try BenchProcess.run(["report", reports.appendingPathComponent(RunFolder.latestLinkName).path], home: home)
        XCTAssertEqual(rerender.status, .exited(0), rerender.stderr, file: file, line: line)
        XCTAssertEqual(rerender.stderr, "", "no warning: the folder recorded everything", file: file, line: line)
        let again = try reportFiles(reports)
        XCTAssertEqual(Set(again.keys), Set(written.keys), file: file, line: line)
        for (name, data) in written {
            XCTAssertEqual(again[name], data, "\(name) re-rendered differs from the suite's", file: file, line: line)
        }
    }

    func testASuiteOfTheWorkersIsReRenderedByteForByte() throws {
        try assertReportIsItsFolders(["run", "load-all-vs-batched", "--size", "2000", "--runs", "2", "--max-runs", "2",
                                      "--allocators", "glibc,glibc-arenas-2"])
    }

    func testABenchExecSuiteIsReRenderedByteForByte() throws {
        try assertReportIsItsFolders(["exec", "--runs", "1", "--max-runs", "1", "--allocators", "glibc,glibc-arenas-1", "--name", "sleeper",
                                      "--variants", "short,long", "--", "sh", "-c", "sleep 0.3"])
    }
}
