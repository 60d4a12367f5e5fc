import XCTest
@testable import BenchModel

final class SequenceUniquedTests: XCTestCase {
    func testTheFirstOfEachInTheOrderSeen() {
        XCTAssertEqual(["b", "a", "b", "c", "a"].uniqued(), ["b", "a", "c"])
        XCTAssertEqual([Int]().uniqued(), [])
        XCTAssertEqual([3, 3, 3].uniqued(), [3])
    }

    func testShellQuotingLeavesSafeWordsAndQuotesTheRest() {
        XCTAssertEqual(shellQuoted("Reports/2026-01-01T10-00-00Z"), "Reports/2026-01-01T10-00-00Z")
        XCTAssertEqual(shellQuoted("a b"), "'a b'")
        XCTAssertEqual(shellQuoted("it's"), "'it'\\''s'")
        XCTAssertEqual(shellQuoted(""), "''")
    }
}
