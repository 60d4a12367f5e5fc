import BenchModel

/// What a run's judgement decides once its process ended (`WorkerJudgement`, `ExecJudgement`):
/// its status, why when it is not ok, the facts of an early end, and the allocator's proof
/// when it held (a failed run may still have proved its allocator).
public struct RunVerdict: Equatable, Sendable {
    public var status: RunResult.Status
    public var reason: String?
    public var fault: RunFault?
    public var verified: RunResult.Verified?

    public init(status: RunResult.Status, reason: String? = nil, fault: RunFault? = nil, verified: RunResult.Verified? = nil) {
        self.status = status
        self.reason = reason
        self.fault = fault
        self.verified = verified
    }

    /// A run the user stopped: not a result (the runner does not record it).
    public static let interrupted = RunVerdict(status: .failed, reason: RunResult.interruptedReason)

    public static func failed(_ reason: String, fault: RunFault? = nil) -> RunVerdict {
        RunVerdict(status: .failed, reason: reason, fault: fault)
    }
}

extension RunResult {
    public mutating func apply(_ verdict: RunVerdict) {
        status = verdict.status
        reason = verdict.reason
        fault = verdict.fault
        verified = verdict.verified
    }
}
