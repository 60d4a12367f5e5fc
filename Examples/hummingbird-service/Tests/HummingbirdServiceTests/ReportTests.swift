import Hummingbird
import XCTest

@testable import HummingbirdService

final class ReportTests: XCTestCase {
    func testTheSameSeedGivesTheSameRows() {
        let first = Report(rows: 200, seed: 42)
        XCTAssertEqual(first.rows, 200)
        XCTAssertEqual(first.items.count, 200)
        XCTAssertEqual(first.items, Report(rows: 200, seed: 42).items)
        XCTAssertNotEqual(first.items, Report(rows: 200, seed: 43).items)
    }

    func testRowsHaveTheirDocumentedSizes() {
        let items = Report(rows: 2_000, seed: 7).items
        XCTAssertEqual(items.count, 2_000)
        XCTAssertEqual(items.map(\.id).first, 700_000)
        XCTAssertTrue(items.allSatisfy { (16..<512).contains($0.note.count) })
        XCTAssertEqual(Set(items.map(\.tags.count)), [1, 2, 3, 4, 5])
    }

    func testAQueryTakesItsDefaultsAndRejectsBadValues() throws {
        let defaults = try ReportQuery([:])
        XCTAssertEqual(defaults.rows, 2_000)
        XCTAssertEqual(defaults.seed, 0)
        let given = try ReportQuery(["rows": "10000", "seed": "12"])
        XCTAssertEqual(given.rows, 10_000)
        XCTAssertEqual(given.seed, 12)
        let badQueries: [Parameters] = [["rows": "0"], ["rows": "20001"], ["rows": "ten"], ["seed": "-1"]]
        XCTAssertEqual(badQueries.count, 4)
        for bad in badQueries {
            XCTAssertThrowsError(try ReportQuery(bad)) {
                XCTAssertEqual(($0 as? HTTPError)?.status, .badRequest)
            }
        }
    }
}
