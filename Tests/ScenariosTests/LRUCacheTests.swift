import Foundation
import XCTest
import Scenarios

/// The LRU cache the `caches` scenario uses, tested like a library.
final class LRUCacheTests: XCTestCase {
    func testEvictsTheLeastRecentlyUsedEntryWhenFull() {
        var cache = LRUCache<String, Int>(capacity: 3)
        cache.put("a", 1)
        cache.put("b", 2)
        cache.put("c", 3)
        XCTAssertEqual(cache.keysByRecency, ["c", "b", "a"])
        cache.put("d", 4)
        XCTAssertNil(cache.get("a"), "a was the least recently used")
        XCTAssertEqual(cache.get("b"), 2)
        XCTAssertEqual(cache.evictions, 1)
        XCTAssertEqual(cache.keysByRecency, ["b", "d", "c"])
    }

    func testGetRefreshesRecencySoTheOtherEntryIsEvicted() {
        var cache = LRUCache<Int, String>(capacity: 2)
        cache.put(1, "one")
        cache.put(2, "two")
        XCTAssertEqual(cache.get(1), "one")
        cache.put(3, "three")
        XCTAssertNil(cache.get(2), "2 became the least recently used when 1 was read")
        XCTAssertEqual(cache.get(1), "one")
        XCTAssertEqual(cache.get(3), "three")
    }

    func testNeverHoldsMoreThanItsCapacity() {
        var cache = LRUCache<Int, Int>(capacity: 100)
        for key in 0..<10_000 {
            cache.put(key % 517, key)
            XCTAssertLessThanOrEqual(cache.count, 100)
        }
        XCTAssertEqual(cache.count, 100)
        XCTAssertEqual(Set(cache.keysByRecency).count, 100)
    }

    func testCountsHitsAndMisses() {
        var cache = LRUCache<Int, Int>(capacity: 2)
        XCTAssertNil(cache.get(1))
        cache.put(1, 10)
        XCTAssertEqual(cache.get(1), 10)
        XCTAssertEqual(cache.get(1), 10)
        XCTAssertNil(cache.get(2))
        XCTAssertEqual(cache.hits, 2)
        XCTAssertEqual(cache.misses, 2)
    }

    func testPutOnAnExistingKeyReplacesTheValueWithoutEvicting() {
        var cache = LRUCache<String, Int>(capacity: 2)
        cache.put("a", 1)
        cache.put("b", 2)
        cache.put("a", 100)
        XCTAssertEqual(cache.count, 2)
        XCTAssertEqual(cache.evictions, 0)
        XCTAssertEqual(cache.keysByRecency, ["a", "b"])
        cache.put("c", 3)
        XCTAssertNil(cache.get("b"), "updating a made b the least recently used")
        XCTAssertEqual(cache.get("a"), 100)
    }

    func testCapacityOfOneKeepsOnlyTheLastEntry() {
        var cache = LRUCache<Int, Int>(capacity: 1)
        cache.put(1, 1)
        cache.put(2, 2)
        XCTAssertNil(cache.get(1))
        XCTAssertEqual(cache.get(2), 2)
        XCTAssertEqual(cache.keysByRecency, [2])
    }
}

final class ScenarioSupportTests: XCTestCase {
    func testFNV1aMatchesTheReferenceValues() {
        var empty = ContentHash()
        empty.add("")
        XCTAssertEqual(UInt64(bitPattern: Int64(empty.folded)), 0xCBF2_9CE4_8422_2325)
        var a = ContentHash()
        a.add("a")
        XCTAssertEqual(UInt64(bitPattern: Int64(a.folded)), 0xAF63_DC4C_8601_EC8C)
        var foobar = ContentHash()
        foobar.add("foo")
        foobar.add("bar")
        XCTAssertEqual(UInt64(bitPattern: Int64(foobar.folded)), 0x8594_4171_F739_67E8)
        XCTAssertEqual(foobar.byteCount, 6)
    }

    func testFileDigestHashesTheWholeFileAndAPrefixOfLines() throws {
        let path = NSTemporaryDirectory() + "digest-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "one\ntwo\nthree\n".write(toFile: path, atomically: true, encoding: .utf8)
        let digest = try FileDigest.of(path: path, prefixLines: 2)
        XCTAssertEqual(digest.lines, 3)
        XCTAssertEqual(digest.bytes, 14)
        var whole = ContentHash()
        whole.add("one\ntwo\nthree\n")
        var prefix = ContentHash()
        prefix.add("one\ntwo\n")
        XCTAssertEqual(digest.hash, whole.folded)
        XCTAssertEqual(digest.prefixHash, prefix.folded)
        XCTAssertEqual(try FileDigest.of(path: path).prefixHash, whole.folded)
    }

    func testZipfKeysAreSeededSkewedAndInRange() {
        var first = ZipfKeys(keySpace: 1_000_000, seed: 7)
        var second = ZipfKeys(keySpace: 1_000_000, seed: 7)
        var counts: [Int: Int] = [:]
        for _ in 0..<100_000 {
            let key = first.next()
            XCTAssertEqual(key, second.next())
            XCTAssertTrue((0..<1_000_000).contains(key))
            counts[key, default: 0] += 1
        }
        // P(k) ≈ 1/((k+1)·ln(10^6)): key 0 about 7 % of draws, key 999 about 0.007 %.
        XCTAssertGreaterThan(counts[0, default: 0], 4_000)
        XCTAssertLessThan(counts[999, default: 0], 50)
        XCTAssertGreaterThan(counts.count, 20_000, "most keys are rare, so many distinct keys come up")
    }
}
