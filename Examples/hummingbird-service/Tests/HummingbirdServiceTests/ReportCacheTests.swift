import Hummingbird
import XCTest

@testable import HummingbirdService

final class ReportCacheTests: XCTestCase {
    private func key(_ seed: UInt64) -> ReportCache.Key {
        ReportCache.Key(rows: 10, seed: seed)
    }

    private func body(_ text: String) -> ByteBuffer {
        ByteBuffer(string: text)
    }

    func testKeepsAtMostCapacityDroppingTheOldestFirst() {
        let cache = ReportCache(capacity: 3)
        for seed in 1...5 {
            cache.insert(body("report \(seed)"), for: key(UInt64(seed)))
        }
        XCTAssertEqual(cache.count, 3)
        XCTAssertNil(cache.body(for: key(1)))
        XCTAssertNil(cache.body(for: key(2)))
        XCTAssertEqual(cache.body(for: key(5)), body("report 5"))
    }

    func testAReadKeepsAnEntryPastNewerOnes() {
        let cache = ReportCache(capacity: 2)
        cache.insert(body("a"), for: key(1))
        cache.insert(body("b"), for: key(2))
        XCTAssertEqual(cache.body(for: key(1)), body("a"))
        cache.insert(body("c"), for: key(3))
        XCTAssertEqual(cache.body(for: key(1)), body("a"))
        XCTAssertNil(cache.body(for: key(2)))
    }

    func testInsertingTheSameKeyAgainReplacesItsEntry() {
        let cache = ReportCache(capacity: 4)
        cache.insert(body("old"), for: key(1))
        cache.insert(body("new"), for: key(1))
        XCTAssertEqual(cache.count, 1)
        XCTAssertEqual(cache.body(for: key(1)), body("new"))
    }
}
