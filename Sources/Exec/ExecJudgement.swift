import Foundation
import MemoryProbe
import BenchModel
import Suite

/// How one `bench exec` run is judged once its command ended, from what was observed alone (no
/// process, no file): the service's own verdict (`--duration`), how the command ended
/// (`ProcessEnding`), whether anything was measured, whether a counted run's command counted,
/// and whether its allocator was proved. Every reason is kept, joined in that order.
struct ExecJudgement {
    /// How the allocator proof came out (`ExecAllocatorProof`).
    enum Proof: Equatable {
        case held(RunResult.Verified)
        /// `wasRead`: the proof had something to go on (maps read, or the probe reported), so
        /// its failure is said even beside another reason.
        case failed(String, wasRead: Bool)
    }

    var outcome: ChildProcess.Outcome
    /// The cap and the last RSS of the command's tree.
    var watch: RunWatch
    var timeoutSeconds: Double
    /// A `--duration` run's verdict (`ServiceController.verdict`): `handled` when the service
    /// ending (SIGTERM at the end of the duration, not ready in time) is not for the classifier.
    var service: (handled: Bool, failure: String?)?
    /// A record was made (at least one sample of the command was taken).
    var measured: Bool
    /// wait4's exact peak, when it is the command's own.
    var exactPeakBytes: Int?
    /// A counted run whose command's process wrote no counts.
    var commandUncounted: Bool
    var allocatorName: String
    var proof: Proof
    /// Asked only for a SIGKILL that bench did not send: was it the kernel's OOM killer?
    var killEvidence: (Int32) -> ProcessEnding.KillEvidence

    var ending: ProcessEnding {
        if service?.handled == true && outcome.killedReason != RunWatch.interruptedReason { return .exitedCleanly }
        return ProcessEnding.classify(outcome, subject: "the command", watch: watch, timeoutSeconds: timeoutSeconds, dataLimitBytes: nil,
                                      detail: outcome.stderrTail().split(separator: "\n").last.map(String.init),
                                      announcesPhases: false, killEvidence: killEvidence)
    }

    func verdict() -> RunVerdict {
        var reasons: [String] = []
        var status = RunResult.Status.failed
        var fault: RunFault?
        if let failure = service?.failure { reasons.append(failure) }
        switch ending {
        case .interrupted: return .interrupted
        case .ended(let ended, let reason, let facts):
            status = ended
            fault = facts
            reasons.append(reason)
        case .exitedCleanly: break
        }
        if !measured, reasons.isEmpty {
            reasons.append("the command ended \(String(format: "%.0f", outcome.wallSeconds * 1000)) ms after it started, before its first sample: too short to measure from outside"
                           + (exactPeakBytes.map { " (wait4 peak \(mebibytes(Double($0))))" } ?? ""))
        }
        if commandUncounted {
            reasons.append("\(allocatorName): the command's process wrote no allocation counts (a static or setuid binary ignores the preloaded counter)")
        }
        var verified: RunResult.Verified?
        switch proof {
        case .held(let proved): verified = proved
        case .failed(let failure, let wasRead): if reasons.isEmpty || wasRead { reasons.append(failure) }
        }
        guard !reasons.isEmpty else { return RunVerdict(status: .ok, verified: verified) }
        return RunVerdict(status: status, reason: reasons.joined(separator: "; "), fault: fault, verified: verified)
    }
}

extension ExecJudgement {
    /// The kernel's OOM killer is known by the count of OOM kills rising, in bench's cgroup (which
    /// the command inherits) or in one the command was seen in.
    static func oomKillEvidence(before: Int?, observation: ExecObservation) -> (Int32) -> ProcessEnding.KillEvidence {
        { _ in
            let after = OOMKillCounter.read()
            if let before, let after, after > before {
                return .oomKiller("SIGKILL; its cgroup's oom_kill count rose from \(before) to \(after)")
            }
            if let (file, kills) = observation.oomKillsInCommandCgroups() {
                return .oomKiller("SIGKILL; \(kills) OOM kill(s) counted in \(file) during the run")
            }
            return .unknown(hint: before != nil && after != nil
                ? "not by bench, and not counted as an OOM kill in its cgroup"
                : "not by bench; the kernel's OOM killer sends SIGKILL too, and its cgroup's count could not be read")
        }
    }
}

extension ExecAllocatorProof {
    /// The proof as the judgement reads it, once the command ended.
    func judged(ranSeconds: Double, executable: String) -> ExecJudgement.Proof {
        if let failure = failure(ranSeconds: ranSeconds, executable: executable) ?? coresLikeFailure {
            return .failed(failure, wasRead: reads > 0 || inside != nil)
        }
        return .held(RunResult.Verified(kind: identity.kind, version: identity.version, proof: proof + coresLikeProof))
    }
}
