import XCTest
@testable import BenchModel

/// Named baselines in a package: where they are kept, which names are taken, what replaces what.
final class BaselineStoreTests: XCTestCase {
    func testBaselinesAreKeptByNameInThePackageAndReplaced() throws {
        let package = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-baselines-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: package) }
        let store = BaselineStore(package: package.path)
        XCTAssertEqual(store.url.path, package.appendingPathComponent(".memorybench/baselines").path)
        XCTAssertEqual(store.names, [])
        XCTAssertEqual(store.savedDescription, "none is saved in \(store.url.path)")
        try store.save(Data("{\"run\": 1}".utf8), as: "main")
        try store.save(Data("{\"run\": 2}".utf8), as: "before-cache")
        try store.save(Data("{\"run\": 3}".utf8), as: "main")
        XCTAssertEqual(store.names, ["before-cache", "main"])
        XCTAssertEqual(try String(contentsOf: store.report("main"), encoding: .utf8), "{\"run\": 3}")
        XCTAssertEqual(store.report("main").path, package.appendingPathComponent(".memorybench/baselines/main/report.json").path)
        XCTAssertEqual(store.savedDescription, "saved: before-cache, main")
        // A folder without a report.json is not a baseline.
        try FileManager.default.createDirectory(at: store.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        XCTAssertEqual(store.names, ["before-cache", "main"])
    }

    func testNamesAreShortWordsThatCannotLeaveTheFolder() {
        for good in ["main", "v1.2", "before_cache", "pr-42"] { XCTAssertTrue(BaselineStore.isValidName(good), good) }
        for bad in ["", ".hidden", "a/b", "..", "with space", String(repeating: "x", count: 65), "naïve"] {
            XCTAssertFalse(BaselineStore.isValidName(bad), bad)
        }
    }
}
