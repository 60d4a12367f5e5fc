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
        XCTAssertTrue(refusal(try json(report) { $0["schemaVersion"] = 3 }).contains("has schemaVersion 3; this bench reads up to 2"))
        XCTAssertTrue(refusal(try json(report) { $0["kind"] = MergedReport.kindName }).contains("is a merged report"))
        XCTAssertTrue(refusal(try json(report) { $0.removeValue(forKey: "comparisons") }).contains("missing comparisons"))
    }

    /// Reports written before scenarios were embedded whole kept only what a report reads; a
    /// command's scenario had no comparisons, figures or verification phases at all.
    func testAReportFromBeforeScenariosWereEmbeddedWholeIsRead() throws {
        let command = RunResult.fixture(.fixture(scenario: "export", variant: "load-all", size: 0,
                                                 phases: [.fixture("load", peakBytes: Fixtures.mib, endBytes: 0)]), allocator: "glibc")
        var batched = command
        batched.variant = "batched"
        let (fixture, _) = ReportFixtures.report()
        let report = ReportFixtures.build(fixture.runs + [command, batched])
        let catalogOnly = ["defaultSize", "quickSize", "sweepSizes", "isHidden", "parameters"]
        let old = try json(report) { document in
            document["scenarios"] = (document["scenarios"] as? [[String: Any]] ?? []).map { scenario in
                var scenario = scenario
                for key in catalogOnly { scenario.removeValue(forKey: key) }
                if scenario["name"] as? String == "export" {
                    for key in ["comparisons", "figures", "figuresByAllocator", "verificationPhases", "allocatorSensitive"] { scenario.removeValue(forKey: key) }
                }
                return scenario
            }
        }
        let decoded = try ReportLoader.decode(old, path: "report.json")
        XCTAssertEqual(decoded.scenarios.map(\.name), ["load-all-vs-batched", "export"])
        let loadAll = try XCTUnwrap(decoded.scenarios.first)
        XCTAssertEqual(loadAll.comparisons, ScenarioFixtures.loadAllVsBatched.comparisons)
        XCTAssertEqual(loadAll.releasePhase, "release")
        XCTAssertEqual(loadAll.defaultSize, 0, "not recorded then")
        let export = try XCTUnwrap(decoded.scenarios.last)
        XCTAssertEqual(export.comparisons, [VariantComparison(pitfall: "load-all", fix: "batched")], "each variant against the first")
        XCTAssertEqual(export, report.scenarios.last)
    }
}
