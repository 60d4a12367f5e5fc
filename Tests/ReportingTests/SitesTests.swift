import Foundation
import XCTest
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Reporting

/// `--sites` in the report: the pitfall/fix diff, the flame graph, and profiling data kept out
/// of every RSS figure.
final class SitesTests: XCTestCase {
    static func cell(_ variant: String, site: String, bytes: Int, total: Int) -> CellSites {
        var cell = CellSites(scenario: "load-all-vs-batched", variant: variant, size: 1000, profiledUnder: "jemalloc-preload+sites", lgProfSample: 16)
        cell.phases = [PhaseSites(phase: "export", sampledLiveBytes: total, allocatorLiveBytes: total + 1000,
                                  sites: [AllocationSite(site: site, path: ["run", site], allocatingFrame: "leaf", bytes: bytes,
                                                         share: Double(bytes) / Double(total))])]
        cell.peakPhase = "export"
        cell.peakStacks = [FoldedStack(frames: ["run", site, "leaf"], bytes: bytes), FoldedStack(frames: ["run", "other"], bytes: total - bytes)]
        return cell
    }

    func testDiffSaysWhatThePitfallsTopSiteHoldsInTheFix() throws {
        var (report, _) = ReportFixtures.report()
        report.sites = [Self.cell("load-all", site: "fetchAll", bytes: 33 * ReportFixtures.mib, total: 35 * ReportFixtures.mib),
                        Self.cell("batched", site: "fetchAll", bytes: ReportFixtures.mib / 2, total: 3 * ReportFixtures.mib)]
        let diff = try XCTUnwrap(SitesDiff.make(report: report).first { $0.fix == "batched" })
        XCTAssertEqual(diff.pitfallBytes, 33 * ReportFixtures.mib)
        XCTAssertEqual(diff.fixBytes, ReportFixtures.mib / 2)
        XCTAssertEqual(diff.sentence, "In `load-all`, 33.0 MiB (94 % of the live bytes) live at `export` end under `fetchAll`, mostly in `leaf`; in `batched` that site holds 0.5 MiB, mostly in `leaf`.")
        let markdown = MarkdownReport.render(report, charts: ReportCharts.make(report: report, results: []))
        XCTAssertTrue(markdown.contains("## Where the memory came from (allocation sites)"))
        XCTAssertTrue(markdown.contains(diff.sentence))
        XCTAssertTrue(markdown.contains("sites-load-all-vs-batched-load-all-1000.svg"))
    }

    /// A scenario described from its runs (a `bench exec` command) compares each variant with
    /// its first, sites included.
    func testACommandsVariantsAreComparedSiteBySiteWithTheFirst() throws {
        let (fixture, _) = ReportFixtures.report()
        var report = ReportFixtures.build(fixture.runs, allocators: ["glibc", "jemalloc-preload"], scenarios: [])
        XCTAssertEqual(report.scenarios.first?.comparisons, [VariantComparison(pitfall: "load-all", fix: "batched")])
        report.sites = [Self.cell("load-all", site: "fetchAll", bytes: 33 * ReportFixtures.mib, total: 35 * ReportFixtures.mib),
                        Self.cell("batched", site: "fetchAll", bytes: ReportFixtures.mib / 2, total: 3 * ReportFixtures.mib)]
        XCTAssertEqual(SitesDiff.make(report: report).map { "\($0.pitfall) → \($0.fix)" }, ["load-all → batched"])
    }

    func testProfilingDataChangesNoFigureOrVerdict() throws {
        let (plain, results) = ReportFixtures.report()
        var profiled = plain
        profiled.sites = [Self.cell("load-all", site: "fetchAll", bytes: 90 * ReportFixtures.mib, total: 99 * ReportFixtures.mib)]
        // The sites ride beside the report; cells, runs, comparisons and findings are the same bytes.
        let encoder = JSONCoding.encoder(pretty: false)
        XCTAssertEqual(try encoder.encode(plain.cells), try encoder.encode(profiled.cells))
        XCTAssertEqual(try encoder.encode(plain.comparisons), try encoder.encode(profiled.comparisons))
        XCTAssertEqual(plain.findings.map(\.text), profiled.findings.map(\.text))
        XCTAssertFalse(profiled.runs.contains { $0.allocator.hasSuffix("+sites") })
        // And a report.json with sites decodes, as does one without (the field is optional).
        let decoded = try JSONDecoder().decode(Report.self, from: try encoder.encode(profiled))
        XCTAssertEqual(decoded.sites, profiled.sites)
        XCTAssertNil(try JSONDecoder().decode(Report.self, from: try encoder.encode(plain)).sites)
        _ = results
    }

    func testFlameGraphDrawsEveryFrameWideAsItsBytes() throws {
        let cell = Self.cell("load-all", site: "fetchAll", bytes: 75, total: 100)
        let chart = try XCTUnwrap(FlameGraph.charts(report: { var r = ReportFixtures.report().0; r.sites = [cell]; return r }()).first)
        XCTAssertEqual(chart.name, "sites-load-all-vs-batched-load-all-1000.svg")
        XCTAssertTrue(chart.svg.contains(">fetchAll<"))
        XCTAssertTrue(chart.svg.contains("fetchAll: 75 B (75.0 %)"), "hover text gives bytes and share")
        let root = FlameGraph.tree(cell.peakStacks ?? [])
        XCTAssertEqual(root.bytes, 100)
        XCTAssertEqual(root.children.first?.children.map(\.bytes).sorted(), [25, 75])
    }
}
