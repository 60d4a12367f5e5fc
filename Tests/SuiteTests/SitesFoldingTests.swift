import Foundation
import XCTest
@testable import BenchModel
@testable import Suite

/// `--sites` without processes: folding jeprof's stacks and naming sites (the pitfall/fix diff
/// and the flame graph are Reporting's: ReportingTests' SitesTests).
final class SitesFoldingTests: XCTestCase {
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
}
