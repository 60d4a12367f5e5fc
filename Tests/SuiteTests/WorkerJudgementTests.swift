import XCTest
import Foundation
import MemoryProbe
@testable import BenchModel
@testable import Suite
import TestSupport

/// How a worker run is judged once the worker ended, with made-up outcomes: its record read, its
/// allocator checked against the configuration, a counted run's counter looked for.
final class WorkerJudgementTests: XCTestCase {
    let glibc = AllocatorConfiguration(name: "glibc", summary: "", expectedKind: .glibc)

    func outcome(_ termination: ChildProcess.Outcome.Termination = .exited(0), result: Data = Data(), stderr: String = "",
                 killed: String? = nil) -> ChildProcess.Outcome {
        ChildProcess.Outcome(termination: termination, stdout: Data(), stderr: Data(stderr.utf8), result: result, timedOut: false,
                             killedReason: killed, wallSeconds: 1.25, maxRSSBytes: 0)
    }

    func judge(_ outcome: ChildProcess.Outcome, configuration: AllocatorConfiguration? = nil,
               preload: String? = nil) -> (verdict: RunVerdict, record: WorkerRecord?) {
        WorkerJudgement(configuration: configuration ?? glibc, preload: preload, timeoutSeconds: 600, dataLimitBytes: nil)
            .judge(outcome, watch: RunWatch(capBytes: nil))
    }

    func encoded(_ record: WorkerRecord) throws -> Data { try JSONCoding.encoder(pretty: false).encode(record) }

    /// A glibc 2.36 record of one phase, `work` (with the allocations of a counted run).
    func workRecord(allocations: AllocationCounts? = nil) -> WorkerRecord {
        .fixture(scenario: "s", variant: "a", size: 10,
                 phases: [.fixture("work", peakBytes: 10 * Fixtures.mib, endBytes: 10 * Fixtures.mib, sampledPeak: false,
                                   allocations: allocations)])
    }

    func testAValidRecordOfTheRightAllocatorIsOkWithItsProof() throws {
        let (verdict, record) = judge(outcome(result: try encoded(workRecord())))
        XCTAssertEqual(verdict.status, .ok)
        XCTAssertNil(verdict.reason)
        XCTAssertNil(verdict.fault)
        XCTAssertEqual(verdict.verified?.kind, .glibc)
        XCTAssertEqual(verdict.verified?.version, "2.36")
        XCTAssertEqual(verdict.verified?.proof, "glibc 2.36 (no mallctl/tc_version/mi_version; malloc in libc.so.6)")
        XCTAssertEqual(record?.phases.map(\.name), ["work"])
    }

    func testExitZeroWithoutAResultFailsAsMalformed() {
        let (verdict, record) = judge(outcome())
        XCTAssertEqual(verdict, .failed("the worker exited 0 without writing a result", fault: verdict.fault))
        XCTAssertEqual(verdict.fault?.kind, .malformedResult)
        XCTAssertEqual(verdict.fault?.elapsedSeconds, 1.25)
        XCTAssertNil(record)
    }

    func testAResultThatIsNotARecordSaysHowItStarts() {
        let (verdict, record) = judge(outcome(result: Data("  hello, not json\n".utf8)))
        XCTAssertEqual(verdict.status, .failed)
        XCTAssertEqual(verdict.reason, "the worker's result is not a valid record (18 bytes, starting \"hello, not json\")")
        XCTAssertEqual(verdict.fault?.kind, .malformedResult)
        XCTAssertNil(record)
    }

    func testANonZeroExitIsClassifiedAndNoRecordIsRead() throws {
        let (verdict, record) = judge(outcome(.exited(1), result: try encoded(workRecord()), stderr: "bench-worker: no such table\n"))
        XCTAssertEqual(verdict.status, .failed)
        XCTAssertEqual(verdict.reason, "the worker exited with status 1 before the first phase: bench-worker: no such table")
        XCTAssertEqual(verdict.fault?.kind, .exitStatus)
        XCTAssertNil(record, "a worker that failed wrote no result to trust")
        XCTAssertNil(verdict.verified)
    }

    func testASignalFailsTheRun() {
        let (verdict, _) = judge(outcome(.signaled(SIGSEGV)))
        XCTAssertEqual(verdict.status, .failed)
        XCTAssertEqual(verdict.reason, "the worker was killed by signal 11 (Segmentation fault) before the first phase")
        XCTAssertEqual(verdict.fault?.signal, SIGSEGV)
    }

    func testAnInterruptedRunIsNotAResult() {
        let (verdict, record) = judge(outcome(.signaled(SIGKILL), killed: RunWatch.interruptedReason))
        XCTAssertEqual(verdict, .interrupted)
        XCTAssertEqual(verdict.reason, RunResult.interruptedReason)
        XCTAssertNil(record)
    }

    func testTheWrongAllocatorFailsButTheRecordIsKept() throws {
        let jemalloc = AllocatorConfiguration(name: "jemalloc-preload", summary: "", environment: ["LD_PRELOAD": "/nonexistent/libjemalloc.so.2"],
                                              expectedKind: .jemalloc, preloadLibrary: "/nonexistent/libjemalloc.so.2")
        let (verdict, record) = judge(outcome(result: try encoded(workRecord())), configuration: jemalloc)
        XCTAssertEqual(verdict.status, .failed)
        XCTAssertEqual(verdict.reason, "jemalloc-preload expected jemalloc, but malloc resolves to libc.so.6 (glibc 2.36); LD_PRELOAD=/nonexistent/libjemalloc.so.2 does not exist, and the loader silently fell back")
        XCTAssertNil(verdict.verified)
        XCTAssertNotNil(record)
    }

    func testACountedRunNeedsTheCounterInEveryPhase() throws {
        let counted = glibc.countedTwin()
        let uncounted = judge(outcome(result: try encoded(workRecord())), configuration: counted, preload: "/cache/libbench-count.so")
        XCTAssertEqual(uncounted.verdict.status, .failed)
        XCTAssertEqual(uncounted.verdict.reason, "glibc+count: the allocation counter was not found in the worker (LD_PRELOAD=/cache/libbench-count.so)")
        let unset = judge(outcome(result: try encoded(workRecord())), configuration: counted)
        XCTAssertEqual(unset.verdict.reason, "glibc+count: the allocation counter was not found in the worker (LD_PRELOAD=unset)")
        let counts = AllocationCounts(mallocs: 10, frees: 9, reallocs: 1, bytesRequested: 4096)
        let ok = judge(outcome(result: try encoded(workRecord(allocations: counts))), configuration: counted)
        XCTAssertEqual(ok.verdict.status, .ok)
        XCTAssertEqual(ok.record?.phases.first?.allocations, counts)
    }
}
