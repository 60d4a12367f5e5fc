import Foundation
import XCTest
import TestSupport
@testable import BenchModel
@testable import Suite

/// results.jsonl: every finished run appended at once, an interrupted suite loses nothing.
final class ResultsFileTests: XCTestCase {
    func testResultsFileRoundTripsAndSkipsAPartialLastLine() throws {
        let path = NSTemporaryDirectory() + "results-\(getpid())-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = ResultsFile(path: path)
        try file.append(ReportFixtures.run("load-all", "glibc", repetition: 1, peakMiB: 100, releaseMiB: 80))
        try file.append(ReportFixtures.run("batched", "glibc", repetition: 1, peakMiB: 5, releaseMiB: 4))
        // A power cut in the middle of the third line.
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"schemaVersion\":1,\"scen".utf8))
        handle.closeFile()
        let loaded = try file.load()
        XCTAssertEqual(loaded.results.map(\.variant), ["load-all", "batched"])
        XCTAssertEqual(loaded.warnings.count, 1)
        XCTAssertEqual(loaded.results[0].record?.peakBytes, 20 * Fixtures.mib + 100 * Fixtures.mib)
    }
}
