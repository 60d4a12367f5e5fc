import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec

/// The end-of-run record without processes: the probe's `PID.end` file parsed, the last phase
/// ended on it (or marked a teardown sample without it), and the tree's share added.
final class ExecEndOfRunPiecesTests: XCTestCase {
    func testTheProbesGlibcRecordParsesWithMmappedChunksCountedLive() throws {
        let record = try XCTUnwrap(ProbeEndRecord.parse("how=main\nrss_kib=263684\nhwm_kib=263700\nanon_kib=262276\nlive=6464\nfree=128704\nmmapped=268439552\nsystem=135168\narenas=1\n", pid: 7))
        XCTAssertEqual(record.how, "main")
        XCTAssertEqual(record.rssBytes, 263_684 * 1024)
        XCTAssertEqual(record.hwmBytes, 263_700 * 1024)
        XCTAssertEqual(record.rssAnonBytes, 262_276 * 1024)
        XCTAssertEqual(record.allocatorStats?.liveBytes, 6464 + 268_439_552)
        XCTAssertEqual(record.allocatorStats?.freeBytes, 128_704)
        XCTAssertEqual(record.allocatorStats?.systemBytes, 135_168 + 268_439_552)
        XCTAssertEqual(record.allocatorStats?.arenas, 1)
    }

    func testTheProbesJemallocRecordParses() throws {
        let record = try XCTUnwrap(ProbeEndRecord.parse("how=exit\nrss_kib=266180\nhwm_kib=266180\nanon_kib=262828\nallocated=268613568\nactive=268644352\nresident=271388672\nretained=68997120\n", pid: 9))
        XCTAssertEqual(record.how, "exit")
        XCTAssertEqual(record.allocatorStats?.liveBytes, 268_613_568)
        XCTAssertEqual(record.allocatorStats?.activeBytes, 268_644_352)
        XCTAssertEqual(record.allocatorStats?.residentBytes, 271_388_672)
        XCTAssertEqual(record.allocatorStats?.retainedBytes, 68_997_120)
        XCTAssertNil(record.allocatorStats?.arenas)
        XCTAssertNil(ProbeEndRecord.parse("pid=9\nmalloc=/lib/libc.so.6\n", pid: 9), "a proof file is not an end record")
        XCTAssertNil(ProbeEndRecord.parse("how=exit\nrss_kib=-1\n", pid: 9))
    }

    func reading(_ seconds: Double, rss: Int) -> ExternalPhaseRecorder.Reading {
        .init(seconds: seconds, status: ProcStatus(rssBytes: rss << 20, hwmBytes: rss << 20), cpuSeconds: 0)
    }

    func testTheLastPhaseEndsOnTheExitRecordNotOnTheTeardownSample() {
        var recorder = ExternalPhaseRecorder()
        recorder.sample(reading(0.01, rss: 2))
        recorder.sample(reading(0.5, rss: 258))
        recorder.sample(reading(0.8, rss: 1)) // freed by an atexit handler, then sampled
        let stats = AllocatorStats(liveBytes: 256 << 20)
        recorder.finish(seconds: 0.9, maxRSSBytes: 258 << 20, atExit: (ProcStatus(rssBytes: 257 << 20, hwmBytes: 258 << 20), stats))
        XCTAssertEqual(recorder.phases.last?.rssBytes, 257 << 20)
        XCTAssertEqual(recorder.phases.last?.end, .exit)
        XCTAssertEqual(recorder.phases.last?.allocatorStats, stats)

        var without = ExternalPhaseRecorder()
        without.sample(reading(0.01, rss: 2))
        without.sample(reading(0.8, rss: 1))
        without.finish(seconds: 0.9, maxRSSBytes: 258 << 20)
        XCTAssertEqual(without.phases.last?.rssBytes, 1 << 20)
        XCTAssertEqual(without.phases.last?.end, .teardownSample)
    }

    func testTheTreeAddsWhatTheDescendantsHeldWhileTheCommandRan() throws {
        let configuration = AllocatorConfiguration.builtIn().first { $0.name == "glibc" }
        let observation = ExecObservation(configuration: try XCTUnwrap(configuration), intervalSeconds: 0.001, viaLauncher: true)
        observation.othersWhileAlive = (rssBytes: 30 << 20, rssAnonBytes: 20 << 20, largestBytes: 25 << 20)
        let record = ProbeEndRecord(pid: 5, how: "main", rssBytes: 100 << 20, hwmBytes: 110 << 20, rssAnonBytes: 90 << 20, allocatorStats: nil)
        observation.measure = .tree
        let tree = try XCTUnwrap(observation.endOfRun(record))
        XCTAssertEqual(tree.status.rssBytes, 130 << 20)
        XCTAssertEqual(tree.status.rssAnonBytes, 110 << 20)
        observation.measure = .largest
        XCTAssertEqual(try XCTUnwrap(observation.endOfRun(record)).status.rssBytes, 100 << 20)
        XCTAssertNil(observation.endOfRun(nil))
    }
}
