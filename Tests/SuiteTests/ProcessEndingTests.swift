import XCTest
import Foundation
@testable import BenchModel
@testable import Suite

/// `ProcessEnding.classify`, the one classifier of how a measured process ended, branch by
/// branch, with made-up outcomes and a watch fed by hand (no process).
final class ProcessEndingTests: XCTestCase {
    let mib = 1 << 20

    func outcome(_ termination: ChildProcess.Outcome.Termination, killed: String? = nil, timedOut: Bool = false,
                 stderr: String = "", wallSeconds: Double = 2) -> ChildProcess.Outcome {
        ChildProcess.Outcome(termination: termination, stdout: Data(), stderr: Data(stderr.utf8), result: Data(), timedOut: timedOut,
                             killedReason: killed, wallSeconds: wallSeconds, maxRSSBytes: 0)
    }

    /// A watch that last sampled 300 MiB at 1.5 s, inside phase `load`.
    func watch(cap: Int? = 256 << 20, dataBytes: Int? = nil) -> RunWatch {
        let watch = RunWatch(capBytes: cap)
        watch.record(rssBytes: 300 << 20, dataBytes: dataBytes, elapsed: 1.5)
        watch.data(stream: 1, chunk: Data("bench-worker: phase load begins\n".utf8))
        return watch
    }

    func classify(_ outcome: ChildProcess.Outcome, watch: RunWatch, dataLimit: Int? = nil, detail: String? = nil,
                  announcesPhases: Bool = true, killEvidence: ((Int32) -> ProcessEnding.KillEvidence)? = nil) -> ProcessEnding {
        ProcessEnding.classify(outcome, subject: "the worker", watch: watch, timeoutSeconds: 600, dataLimitBytes: dataLimit,
                               detail: detail, announcesPhases: announcesPhases, killEvidence: killEvidence)
    }

    func ended(_ ending: ProcessEnding, file: StaticString = #filePath, line: UInt = #line) throws -> (RunResult.Status, String, RunFault) {
        guard case .ended(let status, let reason, let fault) = ending else {
            XCTFail("not ended: \(ending)", file: file, line: line)
            throw XCTSkip("not ended")
        }
        return (status, reason, fault)
    }

    func testAnInterruptedRunIsNotAResult() {
        XCTAssertEqual(classify(outcome(.signaled(SIGKILL), killed: RunWatch.interruptedReason, timedOut: true), watch: watch()), .interrupted)
    }

    func testExitZeroIsForTheCallerToRead() {
        XCTAssertEqual(classify(outcome(.exited(0)), watch: watch()), .exitedCleanly)
    }

    func testAKillAtTheCapIsAnOOMWithWhereAndTheLastSample() throws {
        let (status, reason, fault) = try ended(classify(outcome(.signaled(SIGKILL), killed: RunWatch.capReason), watch: watch()))
        XCTAssertEqual(status, .oom)
        XCTAssertEqual(reason, "OOM at the cap (256 MiB) in phase `load`: last RSS sample 300.0 MiB at 1.50 s")
        XCTAssertEqual(fault.kind, .memoryCap)
        XCTAssertEqual(fault.enforcedBy, "rss-watch")
        XCTAssertEqual(fault.capBytes, 256 << 20)
        XCTAssertEqual(fault.lastRssBytes, 300 << 20)
    }

    func testTheCapReasonWithoutACapIsJudgedByHowItEnded() throws {
        let (status, reason, _) = try ended(classify(outcome(.signaled(SIGKILL), killed: RunWatch.capReason), watch: watch(cap: nil)))
        XCTAssertEqual(status, .failed)
        XCTAssertTrue(reason.hasPrefix("the worker was killed by signal 9"), reason)
    }

    func testATimeoutSaysHowLongWhereAndTheLastSample() throws {
        let (status, reason, fault) = try ended(classify(outcome(.signaled(SIGKILL), timedOut: true), watch: watch()))
        XCTAssertEqual(status, .timeout)
        XCTAssertEqual(reason, "timed out after 600 s in phase `load` (last RSS sample 300.0 MiB); the worker and its process group were killed")
        XCTAssertEqual(fault.kind, .timeout)
        let unsampled = try ended(classify(outcome(.signaled(SIGKILL), timedOut: true), watch: RunWatch(capBytes: nil), announcesPhases: false))
        XCTAssertEqual(unsampled.1, "timed out after 600 s; the worker and its process group were killed")
        XCTAssertEqual(ProcessEnding.formatSeconds(1.5), "1.5 s")
    }

    func testTheDataLimitIsAnOOMWhenTheLastDataSampleIsNearIt() throws {
        let limit = 1 << 30
        let (status, reason, fault) = try ended(classify(outcome(.signaled(SIGABRT)), watch: watch(dataBytes: limit - limit / 20), dataLimit: limit))
        XCTAssertEqual(status, .oom)
        XCTAssertTrue(reason.hasPrefix("OOM at the cap (256 MiB) in phase `load`: the kernel's data limit (1 GiB) refused an allocation and the worker ended with killed by signal 6"), reason)
        XCTAssertEqual(fault.enforcedBy, "data-limit")
        XCTAssertEqual(fault.signal, SIGABRT)
    }

    func testTheDataLimitIsAnOOMWhenStderrSaysAnAllocationFailed() throws {
        let ending = classify(outcome(.exited(1), stderr: "Fatal error: Could not allocate memory\n"), watch: watch(), dataLimit: 1 << 30)
        let (status, _, fault) = try ended(ending)
        XCTAssertEqual(status, .oom)
        XCTAssertEqual(fault.exitCode, 1)
        let uncapped = try ended(classify(outcome(.exited(1), stderr: "out of memory\n"), watch: watch(cap: nil), dataLimit: 1 << 30))
        XCTAssertEqual(uncapped.0, .failed, "without a cap there is no OOM at it")
        let noLimit = try ended(classify(outcome(.exited(1), stderr: "out of memory\n"), watch: watch(), dataLimit: nil))
        XCTAssertEqual(noLimit.0, .failed, "without a data limit nothing refused the allocation")
    }

    func testASigkillBenchDidNotSendIsAnOOMWhenTheKernelCountedIt() throws {
        let (status, reason, fault) = try ended(classify(outcome(.signaled(SIGKILL)), watch: watch(),
                                                        killEvidence: { _ in .oomKiller("oom_kill rose from 0 to 1") }))
        XCTAssertEqual(status, .oom)
        XCTAssertEqual(reason, "the worker was killed by the kernel's OOM killer (oom_kill rose from 0 to 1) in phase `load`")
        XCTAssertEqual(fault.kind, .signal)
        XCTAssertEqual(fault.signal, SIGKILL)
    }

    func testASigkillOfUnknownOriginFailsWithTheHint() throws {
        let (status, reason, _) = try ended(classify(outcome(.signaled(SIGKILL)), watch: watch(), detail: "last words",
                                                    killEvidence: { _ in .unknown(hint: "not counted") }))
        XCTAssertEqual(status, .failed)
        XCTAssertEqual(reason, "the worker was killed by signal 9 (Killed) (not counted) in phase `load`: last words")
    }

    func testOtherSignalsFailWithoutAskingForEvidence() throws {
        var asked = false
        let (status, reason, fault) = try ended(classify(outcome(.signaled(SIGSEGV)), watch: watch(), announcesPhases: false,
                                                        killEvidence: { _ in asked = true; return .unknown(hint: "") }))
        XCTAssertEqual(status, .failed)
        XCTAssertEqual(reason, "the worker was killed by signal 11 (Segmentation fault)")
        XCTAssertEqual(fault.kind, .signal)
        XCTAssertFalse(asked, "only a SIGKILL bench did not send asks whether the OOM killer sent it")
        let noEvidence = try ended(classify(outcome(.signaled(SIGKILL)), watch: watch()))
        XCTAssertEqual(noEvidence.1, "the worker was killed by signal 9 (Killed) in phase `load`")
    }

    func testANonZeroExitFailsWithItsStatusWhereAndItsLastWords() throws {
        let (status, reason, fault) = try ended(classify(outcome(.exited(3)), watch: watch(), detail: "bench-worker: no such table"))
        XCTAssertEqual(status, .failed)
        XCTAssertEqual(reason, "the worker exited with status 3 in phase `load`: bench-worker: no such table")
        XCTAssertEqual(fault.kind, .exitStatus)
        XCTAssertEqual(fault.exitCode, 3)
        XCTAssertNil(fault.signal)
        let before = try ended(classify(outcome(.exited(3)), watch: RunWatch(capBytes: nil)))
        XCTAssertEqual(before.1, "the worker exited with status 3 before the first phase")
    }
}
