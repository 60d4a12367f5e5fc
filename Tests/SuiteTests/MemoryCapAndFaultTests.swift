import XCTest
import MemoryProbe
import Scenarios
@testable import BenchModel
@testable import Suite
@testable import Reporting
import TestSupport

final class MemoryCapAndFaultTests: XCTestCase {
    func testPhaseAnnouncementsAreReadAcrossChunkBoundaries() {
        XCTAssertEqual(PhaseAnnouncement.parse("bench-worker: phase load begins")?.phase, "load")
        XCTAssertEqual(PhaseAnnouncement.parse("bench-worker: phase load ends")?.inside, false)
        XCTAssertNil(PhaseAnnouncement.parse("bench-worker: phase load"))
        XCTAssertNil(PhaseAnnouncement.parse("bench-worker: cannot read /proc/self/status"))
        let watch = RunWatch(capBytes: nil)
        XCTAssertEqual(watch.fault(.signal, elapsed: 1).phaseDescription, "before the first phase")
        watch.data(stream: 1, chunk: Data("bench-worker: phase open begins\nbench-worker: phase open ends\nbench-worker: pha".utf8))
        XCTAssertEqual(watch.phase, "open")
        XCTAssertEqual(watch.fault(.signal, elapsed: 1).phaseDescription, "after phase `open`")
        watch.data(stream: 1, chunk: Data("se load begins\n".utf8))
        XCTAssertEqual(watch.fault(.signal, elapsed: 1).phaseDescription, "in phase `load`")
        watch.data(stream: 0, chunk: Data("bench-worker: phase stdout begins\n".utf8))
        XCTAssertEqual(watch.phase, "load", "only stderr carries announcements")
    }

    func testWatchReadsAChildsRssAndKillsPastTheCap() throws {
        // This test process is the child: its RSS is far above 1 MiB and far below 1 TiB.
        let low = RunWatch(capBytes: 1 << 20)
        guard case .kill(let reason) = low.tick(pid: getpid(), elapsed: 0.1) else { return XCTFail("not killed past the cap") }
        XCTAssertEqual(reason, RunWatch.capReason)
        XCTAssertGreaterThan(try XCTUnwrap(low.lastRssBytes), 1 << 20)
        let high = RunWatch(capBytes: 1 << 40)
        guard case .keepRunning = high.tick(pid: getpid(), elapsed: 0.1) else { return XCTFail("killed under the cap") }
        XCTAssertNotNil(high.lastDataBytes)
        let gone = RunWatch(capBytes: 1 << 20)
        guard case .keepRunning = gone.tick(pid: 999_999_999, elapsed: 0.1) else { return XCTFail("killed without a sample") }
        XCTAssertTrue(gone.note?.contains("only the kernel's data limit held the cap") ?? false, gone.note ?? "")
    }

    func testTheFaultScenarioIsHiddenFromBenchAll() {
        XCTAssertNotNil(ScenarioCatalog.named("fault"))
        XCTAssertFalse(ScenarioCatalog.visible.contains { $0.name == "fault" })
        XCTAssertEqual(ScenarioCatalog.named("fault")?.variants.map(\.name),
                       ["good", "crash", "abort", "error", "oom", "hang", "garbage-output"])
    }

    func testReportSaysThePitfallRanOutOfMemoryWhileTheFixFinished() throws {
        let record = WorkerRecord.fixture(
            scenario: "load-all-vs-batched", variant: "batched", size: 5_000_000,
            phases: [.fixture("export", wallSeconds: 1, peakBytes: 6 << 20, endBytes: 5 << 20, sampledPeak: false)])
        let batched = RunResult.fixture(record, allocator: "glibc")
        var loadAll = RunResult.fixture(scenario: "load-all-vs-batched", variant: "load-all", allocator: "glibc", size: 5_000_000,
                                        status: .oom, reason: "OOM at the cap (512 MiB) in phase `load`: last RSS sample 512.4 MiB at 4.94 s")
        var fault = RunFault(kind: .memoryCap)
        fault.capBytes = 512 << 20
        fault.phase = "load"
        fault.insidePhase = true
        loadAll.fault = fault
        let report = ReportBuilder.build(runId: "cap", results: [loadAll, batched], plannedRuns: 2, elapsedSeconds: nil,
                                         environment: .collect(commandLine: "test", buildConfiguration: "debug", allocators: []),
                                         allocatorOrder: ["glibc"], scenarios: ScenarioCatalog.description.scenarios)
        XCTAssertEqual(report.findings.first?.text,
                       "load-all-vs-batched load-all × glibc at 5,000,000: 1 of 1 run: OOM at the cap (512 MiB) in phase `load`: last RSS sample 512.4 MiB at 4.94 s.")
        XCTAssertEqual(report.findings.dropFirst().first?.text,
                       "load-all-vs-batched at 5,000,000 rows: load-all ran out of memory at the 512 MiB cap (in phase `load`) under glibc, while batched finished under glibc with a peak of +6.0 MiB over its baseline.")
        XCTAssertEqual(report.cell("load-all-vs-batched", "load-all", "glibc", 5_000_000)?.status, .oom)
    }
}
