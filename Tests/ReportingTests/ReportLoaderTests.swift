import Foundation
import XCTest
import BenchModel
import MemoryProbe
import TestSupport
@testable import Reporting

/// What `bench compare` and `bench merge` read: a report.json of this version, whole or from
/// before scenarios were embedded whole; never version 1, a merged report or a newer version.
final class ReportLoaderTests: XCTestCase {
    func json(_ report: Report, edit: (inout [String: Any]) -> Void = { _ in }) throws -> Data {
        var document = try XCTUnwrap(try JSONSerialization.jsonObject(with: JSONCoding.encoder(pretty: false).encode(report)) as? [String: Any])
        edit(&document)
        return try JSONSerialization.data(withJSONObject: document)
    }

    func refusal(_ data: Data, path: String = "runs/x/report.json") -> String {
        do {
            _ = try ReportLoader.decode(data, path: path)
            return "decoded"
        } catch BenchError.input(let message) {
            XCTAssertFalse(message.contains("\n"), "one line")
            return message
        } catch {
            return "\(error)"
        }
    }

    func testAReportRoundTripsWithItsScenarioDescriptionsWhole() throws {
        let (report, _) = ReportFixtures.report()
        let decoded = try ReportLoader.decode(try json(report), path: "report.json")
        XCTAssertEqual(decoded.scenarios, report.scenarios)
        XCTAssertEqual(decoded.scenarios.map(\.name), ["load-all-vs-batched"])
        XCTAssertEqual(decoded.scenarios.first, ScenarioFixtures.loadAllVsBatched)
        XCTAssertEqual(decoded.comparisons.count, report.comparisons.count)
        XCTAssertEqual(decoded.findings.map(\.kind), report.findings.map(\.kind))
    }

    func testAVersionOneReportIsRefusedWithTheCommandThatReRendersIt() throws {
        let (report, _) = ReportFixtures.report()
        let message = refusal(try json(report) { $0["schemaVersion"] = 1 })
        XCTAssertEqual(message, "runs/x/report.json is a report.json of schemaVersion 1, which this bench no longer reads: re-render it with `bench report runs/x`")
        XCTAssertTrue(refusal(try json(report) { $0["schemaVersion"] = 1 }, path: "report.json").hasSuffix("`bench report .`"))
        XCTAssertTrue(refusal(try json(report) { $0["schemaVersion"] = 4 }).contains("has schemaVersion 4; this bench reads up to 3"))
        XCTAssertTrue(refusal(try json(report) { $0["kind"] = MergedReport.kindName }).contains("is a merged report"))
        XCTAssertTrue(refusal(try json(report) { $0.removeValue(forKey: "comparisons") }).contains("missing comparisons"))
    }

    /// A version-2 report (its "no difference" judged against a noise-scaled floor, its
    /// scenarios sometimes cut short) is refused too: its folder re-renders it.
    func testAVersionTwoReportIsRefusedWithTheCommandThatReRendersIt() throws {
        let (report, _) = ReportFixtures.report()
        let message = refusal(try json(report) { $0["schemaVersion"] = 2 })
        XCTAssertEqual(message, "runs/x/report.json is a report.json of schemaVersion 2, which this bench no longer reads: re-render it with `bench report runs/x`")
    }

}
