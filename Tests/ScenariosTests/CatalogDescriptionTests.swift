import Foundation
import XCTest
import MemoryProbe
import Scenarios
import TestSupport

/// What the built-in scenarios say about themselves (`bench-worker catalog`): the facts the
/// report reads, and that the report tests' fixtures say the same.
final class CatalogDescriptionTests: XCTestCase {
    func testTheReportTestsFixturesDescribeTheScenariosAsTheCatalogDoes() throws {
        XCTAssertEqual(ScenarioFixtures.catalog.count, 4)
        for fixture in ScenarioFixtures.catalog {
            let scenario = try XCTUnwrap(ScenarioCatalog.description.scenario(named: fixture.name), fixture.name)
            // What a report reads (the summaries may be shortened in the fixtures).
            XCTAssertEqual(fixture.sizeUnit, scenario.sizeUnit, fixture.name)
            XCTAssertEqual(fixture.variants.map(\.name), scenario.variants.map(\.name), fixture.name)
            XCTAssertEqual(fixture.variants.map(\.phases), scenario.variants.map(\.phases), fixture.name)
            XCTAssertEqual(fixture.variants.map(\.maximumSize), scenario.variants.map(\.maximumSize), fixture.name)
            XCTAssertEqual(fixture.reportedPhases, scenario.reportedPhases, fixture.name)
            XCTAssertEqual(fixture.livePhase, scenario.livePhase, fixture.name)
            XCTAssertEqual(fixture.releasePhase, scenario.releasePhase, fixture.name)
            XCTAssertEqual(fixture.verificationPhases, scenario.verificationPhases, fixture.name)
            XCTAssertEqual(fixture.comparisons, scenario.comparisons, fixture.name)
            XCTAssertEqual(fixture.figures, scenario.figures, fixture.name)
            XCTAssertEqual(fixture.figuresByAllocator, scenario.figuresByAllocator, fixture.name)
            XCTAssertEqual(fixture.allocatorSensitive, scenario.allocatorSensitive, fixture.name)
        }
    }

    func testAllocatorSensitiveScenariosSayItAndOldCatalogsDecodeAsNot() throws {
        let catalog = ScenarioCatalog.description
        XCTAssertEqual(catalog.scenario(named: "threaded-churn")?.allocatorSensitive, true)
        XCTAssertEqual(catalog.scenario(named: "server-soak")?.allocatorSensitive, true)
        XCTAssertEqual(catalog.scenario(named: "load-all-vs-batched")?.allocatorSensitive, false)
        // A catalog written before the field existed.
        let description = try XCTUnwrap(catalog.scenario(named: "threaded-churn"))
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(description)) as? [String: Any])
        json.removeValue(forKey: "allocatorSensitive")
        let old = try JSONDecoder().decode(ScenarioDescription.self, from: JSONSerialization.data(withJSONObject: json))
        XCTAssertFalse(old.allocatorSensitive)
        XCTAssertEqual(old.name, "threaded-churn")
    }

    func testSettleDefaultIsStatedFromTheCode() throws {
        let threaded = try XCTUnwrap(ScenarioCatalog.description.scenario(named: "threaded-churn"))
        let value = ThreadedChurn.defaultSettleSeconds
        let stated = "(default \(value == value.rounded() ? String(Int(value)) : String(value))"
        XCTAssertTrue(threaded.summary.contains("`--param settle=S` seconds \(stated)"), threaded.summary)
        XCTAssertTrue(threaded.parameters.first { $0.key == "settle" }?.summary.contains(stated) == true)
    }
}
