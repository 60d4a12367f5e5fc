import XCTest
import Foundation
@testable import BenchModel
import TestSupport

/// The memory cap's units and default, and files that a full disk or a crash cannot leave half
/// written.
final class FilesAndLimitsTests: XCTestCase {
    func testMemoryLimitParsesBinaryUnitsAndRefusesNonSizes() {
        XCTAssertEqual(MemoryLimit.parse("2GiB"), 2 << 30)
        XCTAssertEqual(MemoryLimit.parse("512MiB"), 512 << 20)
        XCTAssertEqual(MemoryLimit.parse("512m"), 512 << 20)
        XCTAssertEqual(MemoryLimit.parse("1.5G"), 3 << 29)
        XCTAssertEqual(MemoryLimit.parse("1048576"), 1 << 20)
        for bad in ["", "GiB", "12XB", "-1G", "0", "1..5G", "nan", "inf"] {
            XCTAssertNil(MemoryLimit.parse(bad), bad)
        }
        XCTAssertEqual(MemoryLimit.format(2 << 30), "2 GiB")
        XCTAssertEqual(MemoryLimit.format(3 << 29), "1.5 GiB")
        XCTAssertEqual(MemoryLimit.format(512 << 20), "512 MiB")
    }

    func testDefaultCapIsHalfOfMemoryButNoMoreThanThreeQuartersOfWhatIsFree() {
        let gib = 1 << 30
        XCTAssertEqual(MemoryLimit.defaultBytes(total: 24 * gib, available: 23 * gib), 12 * gib)
        XCTAssertEqual(MemoryLimit.defaultBytes(total: 24 * gib, available: 8 * gib), 6 * gib)
        XCTAssertEqual(MemoryLimit.defaultBytes(total: nil, available: nil), 2 * gib)
        XCTAssertEqual(MemoryLimit.defaultBytes(total: gib, available: gib / 4), gib, "never below 1 GiB")
        XCTAssertGreaterThan(MemoryLimit.dataLimitBytes(forCap: 512 << 20), 2 * (512 << 20), "room for jemalloc's mappings")
    }

    func testAFullDiskIsAnIOErrorWithTheSystemsReason() throws {
        let oom = RunResult.fixture(scenario: "fault", variant: "good", allocator: "glibc", size: 1, status: .oom, reason: "OOM")
        XCTAssertThrowsError(try ResultsFile(path: "/dev/full").append(oom)) { error in
            XCTAssertEqual((error as? BenchError)?.exitCode, 74)
            XCTAssertTrue("\(error)".contains("No space left on device"), "\(error)")
        }
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: "/proc/version/report.json")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot write /proc/version/report.json: "), "\(error)")
        }
    }

    func testAtomicWriteReplacesTheWholeFileAndLeavesNoTemporary() throws {
        let directory = NSTemporaryDirectory() + "atomic-\(UUID().uuidString)"
        try AtomicFile.makeDirectories(directory + "/a/b")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a/b/report.json"
        try AtomicFile.write(Data("first, longer content".utf8), to: path)
        try AtomicFile.write(Data("second".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory + "/a/b"), ["report.json"])
    }
}
