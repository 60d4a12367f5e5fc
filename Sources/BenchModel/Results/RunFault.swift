/// How a run that did not finish ended, measured from outside the worker.
public struct RunFault: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Past the memory cap: killed by the runner's RSS watch, or stopped by the kernel's data limit.
        case memoryCap
        case timeout
        /// Killed by a signal the runner did not send.
        case signal
        /// Exited with a non-zero status.
        case exitStatus
        /// Exited 0 but its result was missing or not a valid record.
        case malformedResult
    }

    public var kind: Kind
    /// The RSS cap (oom).
    public var capBytes: Int?
    /// What stopped the run at the cap: `rss-watch` (the runner killed it) or `data-limit`
    /// (the kernel refused an allocation under RLIMIT_DATA).
    public var enforcedBy: String?
    /// The worker's RSS at the runner's last sample before the end.
    public var lastRssBytes: Int?
    /// The largest RSS the runner sampled.
    public var maxSampledRssBytes: Int?
    /// The phase the worker had announced last, and whether it was still inside it.
    public var phase: String?
    public var insidePhase: Bool?
    public var elapsedSeconds: Double?
    public var signal: Int32?
    public var exitCode: Int32?

    public init(kind: Kind) { self.kind = kind }

    /// "in phase `load`", "after phase `export`", "before the first phase".
    public var phaseDescription: String {
        // The recorder's own unmeasured warm-up phase comes before the scenario's first phase.
        guard let phase, !(phase == "warm-up" && insidePhase == false) else { return "before the first phase" }
        return insidePhase == false ? "after phase `\(phase)`" : "in phase `\(phase)`"
    }
}

extension RunResult.Status {
    /// Failed, timed out or out of memory: the run did not produce a measurement.
    public var isFailure: Bool { self == .failed || self == .oom || self == .timeout }
}
