import Foundation
import XCTest
import MemoryProbe

/// A scenario's suite declaration as the catalog carries it: the long tier round-trips, and
/// catalogs, suite files and reports written before tiers existed read as the standard tier.
final class SuiteDefaultsTests: XCTestCase {
    func testTheLongTierRoundTripsAndTheStandardTierIsWrittenAsBefore() throws {
        let long = SuiteDefaults(allocators: ["glibc"], tier: .long)
        XCTAssertEqual(try JSONDecoder().decode(SuiteDefaults.self, from: JSONEncoder().encode(long)), long)
        let standard = SuiteDefaults(variantsLeftOut: ["slow"], parameters: ["settle": "3.0"])
        let written = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(standard)) as? [String: Any])
        XCTAssertEqual(Set(written.keys), ["variantsLeftOut", "parameters", "quickParameters"], "no tier key, no null allocators")
        XCTAssertEqual(try JSONDecoder().decode(SuiteDefaults.self, from: JSONEncoder().encode(standard)), standard)
    }

    func testADeclarationWrittenBeforeTiersReadsAsTheStandardTier() throws {
        let old = Data(#"{"variantsLeftOut":[],"allocators":["glibc","glibc-arenas-2"],"parameters":{},"quickParameters":{}}"#.utf8)
        let decoded = try JSONDecoder().decode(SuiteDefaults.self, from: old)
        XCTAssertEqual(decoded.tier, .standard)
        XCTAssertEqual(decoded.allocators, ["glibc", "glibc-arenas-2"])
    }
}
