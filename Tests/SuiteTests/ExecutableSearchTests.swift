import XCTest
import Foundation
@testable import BenchModel
@testable import Suite

/// The one PATH lookup, for `bench exec`'s command, the C compiler and `--sites`' tools.
final class ExecutableSearchTests: XCTestCase {
    func testCommandsAreResolvedLikeAShellDoesWithOneLineWhenTheyCannotRun() throws {
        XCTAssertEqual(ExecutableSearch.resolve("sh", searchPath: "/nonexistent:/bin"), .found("/bin/sh"))
        guard case .unusable(let missing) = ExecutableSearch.resolve("no-such-command-4711", searchPath: "/bin") else {
            return XCTFail("a missing command resolved")
        }
        XCTAssertEqual(missing, "command not found: no-such-command-4711 (searched PATH)")
        XCTAssertEqual(ExecutableSearch.resolve("/tmp", searchPath: nil), .unusable("/tmp is a directory, not a command"))
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("exec-test-\(UUID().uuidString).sh").path
        try "echo hi\n".write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        XCTAssertEqual(ExecutableSearch.resolve(script, searchPath: nil), .unusable("\(script) is not executable (no execute permission)"))
        XCTAssertEqual(ExecutableSearch.resolve("", searchPath: nil), .unusable("the command is empty"))
    }

    func testFindGivesThePathOrNothing() {
        XCTAssertEqual(ExecutableSearch.find("sh", path: "/bin"), "/bin/sh")
        XCTAssertEqual(ExecutableSearch.find("/bin/sh", path: nil), "/bin/sh")
        XCTAssertNil(ExecutableSearch.find("no-such-command-4711", path: "/bin"))
        XCTAssertNil(ExecutableSearch.find("/tmp", path: nil), "a folder is not a command")
    }

    func testAnEmptyPathEntryIsTheCurrentFolderAsForAShell() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tool = folder.appendingPathComponent("tool-4711")
        try Data("#!/bin/sh\n".utf8).write(to: tool)
        XCTAssertEqual(chmod(tool.path, 0o755), 0)
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        XCTAssertEqual(ExecutableSearch.find("tool-4711", path: "/nonexistent::/bin"), "./tool-4711")
        XCTAssertNil(ExecutableSearch.find("tool-4711", path: "/bin"))
    }
}
