import XCTest
@testable import MemoryProbe

final class ProcStatusTests: XCTestCase {
    func testParsesTheMemoryLinesOfATypicalStatus() throws {
        let text = """
            Name:\tbench-worker
            Umask:\t0022
            State:\tR (running)
            VmPeak:\t  312340 kB
            VmHWM:\t   41232 kB
            VmRSS:\t   39100 kB
            RssAnon:\t   20480 kB
            RssFile:\t   18620 kB
            RssShmem:\t       0 kB
            VmSwap:\t       4 kB
            Threads:\t2
            """
        let status = try XCTUnwrap(ProcStatus.parse(text))
        XCTAssertEqual(status.rssBytes, 39_100 * 1024)
        XCTAssertEqual(status.hwmBytes, 41_232 * 1024)
        XCTAssertEqual(status.rssAnonBytes, 20_480 * 1024)
        XCTAssertEqual(status.rssFileBytes, 18_620 * 1024)
        XCTAssertEqual(status.swapBytes, 4 * 1024)
    }

    func testOlderKernelsWithoutRssSplitStillParse() throws {
        let status = try XCTUnwrap(ProcStatus.parse("VmHWM:  100 kB\nVmRSS:  90 kB\n"))
        XCTAssertEqual(status.rssBytes, 90 * 1024)
        XCTAssertNil(status.rssAnonBytes)
        XCTAssertNil(status.swapBytes)
    }

    func testKernelThreadWithoutVmRSSIsRejectedNotInvented() {
        XCTAssertNil(ProcStatus.parse("Name:\tkthreadd\nState:\tS (sleeping)\nThreads:\t1\n"))
    }

    func testTruncatedReadIsRejected() {
        // The read stopped in the middle of the VmRSS line.
        XCTAssertNil(ProcStatus.parse("VmHWM:\t  41232 kB\nVmRSS:\t  391"))
    }

    func testUnknownUnitIsRejectedRatherThanGuessed() {
        XCTAssertNil(ProcStatus.parse("VmHWM:\t 1 MB\nVmRSS:\t 1 MB\n"))
    }

    func testSimilarKeysDoNotShadowTheRealOnes() throws {
        let status = try XCTUnwrap(ProcStatus.parse("VmRSSX:\t 7 kB\nVmHWM:\t 20 kB\nVmRSS:\t 10 kB\nRssAnon:\tgarbage\n"))
        XCTAssertEqual(status.rssBytes, 10 * 1024)
        XCTAssertNil(status.rssAnonBytes)
    }

    func testOwnStatusFileReadsThroughAKeptOpenDescriptor() throws {
        let file = try XCTUnwrap(ProcFile(path: "/proc/self/status"))
        let first = try XCTUnwrap(file.readText().flatMap(ProcStatus.parse))
        let second = try XCTUnwrap(file.readText().flatMap(ProcStatus.parse))
        XCTAssertGreaterThan(first.rssBytes, 1_000_000)
        XCTAssertGreaterThanOrEqual(second.hwmBytes, second.rssBytes - 512 * 1024)
        let statm = try XCTUnwrap(ProcFile(path: "/proc/self/statm", capacity: 256))
        let pages = try XCTUnwrap(statm.readStatmResidentPages())
        // statm and status describe the same process: within a few MiB of each other.
        XCTAssertEqual(Double(pages * pageSize), Double(second.rssBytes), accuracy: 8 * 1_048_576)
    }
}
