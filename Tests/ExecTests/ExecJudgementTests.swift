import XCTest
import Foundation
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec

/// How a `bench exec` run is judged once its command ended, with made-up outcomes and
/// observations: no process, every reason in its order.
final class ExecJudgementTests: XCTestCase {
    let proved = RunResult.Verified(kind: .glibc, version: "2.36", proof: "glibc 2.36 (inside)")

    func outcome(_ termination: ChildProcess.Outcome.Termination = .exited(0), killed: String? = nil, timedOut: Bool = false,
                 stderr: String = "") -> ChildProcess.Outcome {
        ChildProcess.Outcome(termination: termination, stdout: Data(), stderr: Data(stderr.utf8), result: Data(), timedOut: timedOut,
                             killedReason: killed, wallSeconds: 0.004, maxRSSBytes: 0)
    }

    func judgement(_ outcome: ChildProcess.Outcome, measured: Bool = true, service: (handled: Bool, failure: String?)? = nil,
                   proof: ExecJudgement.Proof? = nil, uncounted: Bool = false, exactPeak: Int? = nil, cap: Int? = nil,
                   evidence: ProcessEnding.KillEvidence = .unknown(hint: "not counted")) -> ExecJudgement {
        let watch = RunWatch(capBytes: cap)
        watch.record(rssBytes: 90 << 20, dataBytes: nil, elapsed: 0.003)
        return ExecJudgement(outcome: outcome, watch: watch, timeoutSeconds: 60, service: service, measured: measured,
                             exactPeakBytes: exactPeak, commandUncounted: uncounted, allocatorName: "glibc+count",
                             proof: proof ?? .held(proved), killEvidence: { _ in evidence })
    }

    func testAMeasuredCommandThatExitedZeroAndProvedItsAllocatorIsOk() {
        XCTAssertEqual(judgement(outcome()).verdict(), RunVerdict(status: .ok, verified: proved))
    }

    func testANonZeroExitFailsWithTheCommandsLastLine() {
        let verdict = judgement(outcome(.exited(1), stderr: "reading orders\nTraceback: no such table\n")).verdict()
        XCTAssertEqual(verdict.status, .failed)
        XCTAssertEqual(verdict.reason, "the command exited with status 1: Traceback: no such table")
        XCTAssertEqual(verdict.fault?.kind, .exitStatus)
        XCTAssertEqual(verdict.verified, proved, "a failed run may still have proved its allocator")
    }

    func testASignalATimeoutAndTheCapEachSayWhat() {
        XCTAssertEqual(judgement(outcome(.signaled(SIGSEGV))).verdict().reason, "the command was killed by signal 11 (Segmentation fault)")
        let timeout = judgement(outcome(.signaled(SIGKILL), timedOut: true)).verdict()
        XCTAssertEqual(timeout.status, .timeout)
        XCTAssertEqual(timeout.reason, "timed out after 60 s (last RSS sample 90.0 MiB); the command and its process group were killed")
        let cap = judgement(outcome(.signaled(SIGKILL), killed: RunWatch.capReason), cap: 64 << 20).verdict()
        XCTAssertEqual(cap.status, .oom)
        XCTAssertEqual(cap.fault?.enforcedBy, "rss-watch")
    }

    func testTheKernelsOOMKillerIsAnOOMAndAnUnknownKillAFailure() {
        let oom = judgement(outcome(.signaled(SIGKILL)), evidence: .oomKiller("oom_kill rose from 0 to 1")).verdict()
        XCTAssertEqual(oom.status, .oom)
        XCTAssertEqual(oom.reason, "the command was killed by the kernel's OOM killer (oom_kill rose from 0 to 1)")
        let unknown = judgement(outcome(.signaled(SIGKILL))).verdict()
        XCTAssertEqual(unknown.status, .failed)
        XCTAssertEqual(unknown.reason, "the command was killed by signal 9 (Killed) (not counted)")
    }

    func testAServiceEndedAtTheEndOfItsDurationIsOkAndItsOwnFailureFailsIt() {
        let ended = outcome(.signaled(SIGTERM), killed: "the duration ended")
        XCTAssertEqual(judgement(ended, service: (true, nil)).verdict(), RunVerdict(status: .ok, verified: proved))
        let loadFailed = judgement(ended, service: (true, "the load command exited with status 2")).verdict()
        XCTAssertEqual(loadFailed.status, .failed)
        XCTAssertEqual(loadFailed.reason, "the load command exited with status 2")
        let notHandled = judgement(outcome(.exited(3)), service: (false, "the load command was killed by signal 9")).verdict()
        XCTAssertEqual(notHandled.reason, "the load command was killed by signal 9; the command exited with status 3",
                       "the service's failure first, then how the command ended")
    }

    func testAnInterruptedRunIsNotAResultEvenForAService() {
        let interrupted = outcome(.signaled(SIGINT), killed: RunWatch.interruptedReason)
        XCTAssertEqual(judgement(interrupted).verdict(), .interrupted)
        XCTAssertEqual(judgement(interrupted, service: (true, nil)).verdict(), .interrupted)
    }

    func testACommandTooShortToSampleFailsWithWait4sPeak() {
        let verdict = judgement(outcome(), measured: false, exactPeak: 3 << 20).verdict()
        XCTAssertEqual(verdict.reason, "the command ended 4 ms after it started, before its first sample: too short to measure from outside (wait4 peak 3.0 MiB)")
        XCTAssertEqual(judgement(outcome(.exited(2)), measured: false).verdict().reason, "the command exited with status 2",
                       "another reason says it already")
    }

    func testAProofFailureIsSaidAloneOrWhenTheProofHadSomethingToGoOn() {
        let unproved = ExecJudgement.Proof.failed("glibc: the command maps libjemalloc.so.2 itself", wasRead: false)
        XCTAssertEqual(judgement(outcome(), proof: unproved).verdict(), .failed("glibc: the command maps libjemalloc.so.2 itself"))
        XCTAssertEqual(judgement(outcome(.exited(1)), proof: unproved).verdict().reason, "the command exited with status 1",
                       "a proof that never read anything adds nothing to another failure")
        let read = ExecJudgement.Proof.failed("glibc: the command maps libjemalloc.so.2 itself", wasRead: true)
        XCTAssertEqual(judgement(outcome(.exited(1)), proof: read).verdict().reason,
                       "the command exited with status 1; glibc: the command maps libjemalloc.so.2 itself")
        XCTAssertNil(judgement(outcome(), proof: read).verdict().verified)
    }

    func testACountedCommandThatWroteNoCountsFails() {
        let verdict = judgement(outcome(), uncounted: true).verdict()
        XCTAssertEqual(verdict.status, .failed)
        XCTAssertEqual(verdict.reason, "glibc+count: the command's process wrote no allocation counts (a static or setuid binary ignores the preloaded counter)")
    }
}
