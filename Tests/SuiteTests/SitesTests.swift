import Foundation
import XCTest
import Scenarios
import TestSupport
@testable import BenchModel
@testable import Suite
@testable import Reporting

/// `--sites` without processes: folding jeprof's stacks, naming sites, the pitfall/fix diff,
/// the flame graph, and profiling data kept out of every RSS figure.
final class SitesTests: XCTestCase {
    // Mangled names as jeprof prints them: worker entry (MemoryBenchWorker), the scenario
    // (Scenarios), GRDB, and a recorder call (MemoryProbe).
    static let entry = "_start<00000000000593b0>;__libc_start_main_impl;bench_worker_main;$s17MemoryBenchWorkerAAO3run_2inyF<00000000003b2b80>"
    static let scenario = "$s9Scenarios16LoadAllVsBatchedVAA8ScenarioA2aDP3runTW;$s9Scenarios16LoadAllVsBatchedV3run7variant7contextySS_AA10RunContextCtKF[inline]"
    static let closure = "$s11MemoryProbe10RunContextC5phaseyxSS_xyKXEtKlF;$s9Scenarios16LoadAllVsBatchedV3runyyKXEfU0_"
    static let fetchAll = "$s4GRDB16FetchableRecordPAAE8fetchAllySayxGAA8DatabaseC_SStKFZ"
    static let names = [
        "$s17MemoryBenchWorkerAAO3run_2inyF": "MemoryBenchWorker.run(_:in:)",
        "$s9Scenarios16LoadAllVsBatchedVAA8ScenarioA2aDP3runTW": "protocol witness for Scenario.run(variant:context:) in conformance LoadAllVsBatched",
        "$s9Scenarios16LoadAllVsBatchedV3run7variant7contextySS_AA10RunContextCtKF": "LoadAllVsBatched.run(variant:context:)",
        "$s11MemoryProbe10RunContextC5phaseyxSS_xyKXEtKlF": "RunContext.phase<A>(_:_:)",
        "$s9Scenarios16LoadAllVsBatchedV3runyyKXEfU0_": "closure #2 in LoadAllVsBatched.run(variant:context:)",
        "$s4GRDB16FetchableRecordPAAE8fetchAllySayxGAA8DatabaseC_SStKFZ": "static FetchableRecord.fetchAll(_:sql:)",
        "$s11MemoryProbe13PhaseRecorderC3endyyF": "PhaseRecorder.end()",
    ]

    static let collapsed = """
    \(entry);\(scenario);\(closure);\(fetchAll);$sSS5_allocyyF;_allocateStringStorage;swift_allocObject;malloc 30000000
    \(entry);\(scenario);\(closure);\(fetchAll);sqlite3_step;sqlite3Malloc 6000000
    \(entry);\(scenario);$s11MemoryProbe13PhaseRecorderC3endyyF;malloc 400000
    \(entry);$sSp8allocate8capacitySpyxGSi_tFZ;malloc 100000
    _dl_start_user;_dl_init;call_init;std::__throw_ios_failure(char const*, int)@@GLIBCXX_3.4.26<00000000000a0a67> 100000
    """

    func testHarnessFramesFoldAwaySoTheFirstFrameIsTheScenarios() throws {
        let raw = CollapsedStacks.parse(Self.collapsed)
        XCTAssertEqual(raw.count, 5)
        XCTAssertEqual(raw[4].symbols.last, "std::__throw_ios_failure(char const*, int)", "addresses and symbol versions are dropped")
        let folded = CollapsedStacks.fold(raw, names: Self.names)
        let first = try XCTUnwrap(folded.first)
        XCTAssertEqual(first.stack.frames.first, "LoadAllVsBatched.run(variant:context:)", "an [inline] mark is dropped")
        XCTAssertFalse(first.stack.frames.contains { $0.contains("RunContext") || $0.contains("MemoryBenchWorker") || $0.contains("protocol witness") })
        XCTAssertEqual(first.stack.frames.last, "_allocateStringStorage", "the allocator's frames are folded into what called it")
        XCTAssertEqual(first.site, "static FetchableRecord.fetchAll(_:sql:)", "the site is the call the scenario's code made")
        // The recorder's buffers (one through a specialised standard-library call, mangled in
        // `Swift`) and the loader's are MemoryBench's own / start-up: one row.
        let harness = folded.filter { $0.site == CollapsedStacks.harnessFrame }
        XCTAssertEqual(harness.map(\.stack.bytes).reduce(0, +), 600_000)
    }

    func testSitesGroupStacksAndGiveSharesOfThePhasesLiveBytes() throws {
        let sites = CollapsedStacks.sites(CollapsedStacks.fold(CollapsedStacks.parse(Self.collapsed), names: Self.names), top: 5)
        XCTAssertEqual(sites.map(\.site), ["static FetchableRecord.fetchAll(_:sql:)", CollapsedStacks.harnessFrame])
        XCTAssertEqual(sites[0].bytes, 36_000_000)
        XCTAssertEqual(sites[0].share, 36.0 / 36.6, accuracy: 1e-9)
        XCTAssertEqual(sites[0].allocatingFrame, "_allocateStringStorage", "the heaviest stack's innermost frame")
        XCTAssertEqual(sites[0].path.last, "static FetchableRecord.fetchAll(_:sql:)")
    }

    func testModulesAreReadFromMangledNames() {
        XCTAssertEqual(CollapsedStacks.module(ofSymbol: "$s9Scenarios16LoadAllVsBatchedV3runyyF"), "Scenarios")
        XCTAssertEqual(CollapsedStacks.module(ofSymbol: "$sSS5_allocyyF"), "Swift")
        XCTAssertNil(CollapsedStacks.module(ofSymbol: "sqlite3_step"))
    }

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
