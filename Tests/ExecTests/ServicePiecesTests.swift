import XCTest
import MemoryProbe
import BenchModel
@testable import Exec

/// The pieces of a service run that need no process: the allocator's figures from inside go on
/// the phase a marker ends, exec's series stays bounded with its peak, a process that does not
/// listen for requests gives no figures at once, and `--cores-like` is judged from the probe's
/// reports.
final class ServicePiecesTests: XCTestCase {
    func reading(_ seconds: Double, mib: Int) -> ExternalPhaseRecorder.Reading {
        .init(seconds: seconds, status: ProcStatus(rssBytes: mib << 20, hwmBytes: mib << 20), cpuSeconds: 0)
    }

    func testTheFiguresFromInsideGoOnThePhaseTheMarkerEnds() {
        var recorder = ExternalPhaseRecorder()
        recorder.sample(reading(0, mib: 10))
        let atServe = AllocatorStats(liveBytes: 1 << 20, arenas: 1)
        let atShutdown = AllocatorStats(liveBytes: 5 << 20, freeBytes: 1 << 20, systemBytes: 7 << 20, arenas: 3)
        recorder.marker("serve", reading: reading(0.5, mib: 11), resetError: nil, closingStats: atServe)
        recorder.marker("shutdown", reading: reading(2, mib: 20), resetError: nil, closingStats: atShutdown)
        recorder.finish(seconds: 2.1, maxRSSBytes: nil)
        XCTAssertEqual(recorder.phases.map(\.name), ["start", "serve", "shutdown"])
        XCTAssertEqual(recorder.phases[0].allocatorStats, atServe)
        XCTAssertEqual(recorder.phases[1].allocatorStats, atShutdown, "the window's end, read before SIGTERM")
        XCTAssertNil(recorder.phases[2].allocatorStats)
    }

    func testExecsSeriesStaysBoundedAndKeepsItsPeak() {
        var recorder = ExternalPhaseRecorder()
        let total = RssSeries.liveCapacity * 3
        for i in 0..<total { recorder.sample(reading(Double(i) / 1000, mib: i == 77_777 ? 900 : 10 + i % 3)) }
        XCTAssertLessThan(recorder.series.count, RssSeries.liveCapacity)
        XCTAssertGreaterThan(recorder.series.count, RssSeries.liveCapacity / 4)
        XCTAssertEqual(recorder.series.map(\.rssBytes).max(), 900 << 20)
    }

    func testAProcessThatDoesNotListenGivesNoFiguresAtOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probe-requests-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let requests = ProbeRequests(folder: folder, timeoutSeconds: 0.3)
        let start = monotonicSeconds()
        XCTAssertNil(requests.ask(pid: 4_000_000), "no FIFO: no such listener")
        XCTAssertLessThan(monotonicSeconds() - start, 0.1)
        // A FIFO nobody reads (the process's thread is gone): no figures, after the timeout, no hang.
        XCTAssertEqual(mkfifo("\(folder)/4000001.request", 0o600), 0)
        XCTAssertNil(requests.ask(pid: 4_000_001))
        XCTAssertLessThan(monotonicSeconds() - start, 2)
        XCTAssertEqual(requests.answered, 0)
    }

    func testCoresLikeIsJudgedFromTheProbesReports() {
        let library = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
        let jemalloc = AllocatorConfiguration(name: "jemalloc-preload", summary: "", environment: ["LD_PRELOAD": library],
                                              expectedKind: .jemalloc, preloadLibrary: library).likeCores(32)
        var report = ProbeReport(pid: 11, executable: "/usr/bin/python3", mallocProvider: library, version: "jemalloc 5.3.0")
        report.narenas = 128
        var proved = ExecAllocatorProof(configuration: jemalloc)
        proved.observeInside([report], root: 11, launcher: nil)
        XCTAssertNil(proved.coresLikeFailure)
        XCTAssertEqual(proved.coresLikeProof, "; like 32 CPUs: opt.narenas 128 (from inside)")
        report.narenas = 8
        var wrong = ExecAllocatorProof(configuration: jemalloc)
        wrong.observeInside([report], root: 11, launcher: nil)
        XCTAssertEqual(wrong.coresLikeFailure?.hasPrefix("jemalloc-preload: --cores-like 32 wants jemalloc's opt.narenas at 128, but the command's process reports 8"), true)

        let glibc = AllocatorConfiguration(name: "glibc", summary: "", expectedKind: .glibc).likeCores(32)
        var seen = ProbeReport(pid: 11, executable: "/usr/bin/python3", mallocProvider: "/lib/x86_64-linux-gnu/libc.so.6", version: "glibc 2.36")
        seen.arenaMax = "256"
        var glibcProof = ExecAllocatorProof(configuration: glibc)
        glibcProof.observeInside([seen], root: 11, launcher: nil)
        glibcProof.arenasSeen = 33
        XCTAssertNil(glibcProof.coresLikeFailure)
        XCTAssertEqual(glibcProof.coresLikeProof, "; like 32 CPUs: MALLOC_ARENA_MAX=256 seen inside, 33 arena(s) used")
        seen.arenaMax = ""
        var unset = ExecAllocatorProof(configuration: glibc)
        unset.observeInside([seen], root: 11, launcher: nil)
        XCTAssertEqual(unset.coresLikeFailure, "glibc: --cores-like 32 wants MALLOC_ARENA_MAX=256, but the command's process saw ''")
    }
}
