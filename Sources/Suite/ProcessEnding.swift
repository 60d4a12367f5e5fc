#if canImport(Glibc)
import Glibc
#endif
import Foundation
import BenchModel

/// How a measured process ended, turned into a run's status and reason: the one classifier for
/// MemoryBench's worker and for `bench exec`'s command (interrupted, OOM at the cap, timeout,
/// the kernel's data limit, the kernel's OOM killer, a signal, a non-zero exit status).
public enum ProcessEnding: Equatable {
    /// Stopped because the user interrupted the suite: not a result.
    case interrupted
    /// Exited with status 0, not killed: the caller reads its result.
    case exitedCleanly
    /// Every other end: a result with this status (failed, oom, timeout), reason and facts.
    case ended(status: RunResult.Status, reason: String, fault: RunFault)

    /// What an OOM-killer check says of a SIGKILL it did not send.
    public enum KillEvidence {
        /// The kernel's OOM killer did it (how we know).
        case oomKiller(String)
        /// Not known to be the OOM killer; the hint says what could be checked.
        case unknown(hint: String)
    }

    /// - Parameters:
    ///   - subject: "the worker", "the command": the sentences' subject.
    ///   - detail: the process's own last words (its stderr's telling line), appended after ": ".
    ///   - announcesPhases: whether the process says which phase it is in (the worker does), so
    ///     that "before the first phase" is known rather than unknown.
    ///   - killEvidence: asked only for a SIGKILL that bench did not send.
    public static func classify(_ outcome: ChildProcess.Outcome, subject: String, watch: RunWatch, timeoutSeconds: Double,
                                dataLimitBytes: Int?, detail: String? = nil, announcesPhases: Bool = true,
                                killEvidence: ((Int32) -> KillEvidence)? = nil) -> ProcessEnding {
        let sample = watch.lastRssBytes.map { "last RSS sample \(mebibytes(Double($0)))" } ?? "no RSS sample"
        let sampled = watch.lastRssBytes == nil ? "" : " (\(sample))"
        let where_ = { (fault: RunFault) in announcesPhases ? " \(fault.phaseDescription)" : "" }
        if outcome.killedReason == RunWatch.interruptedReason { return .interrupted }
        if outcome.killedReason == RunWatch.capReason, let cap = watch.capBytes {
            var fault = watch.fault(.memoryCap, elapsed: outcome.wallSeconds)
            fault.capBytes = cap
            fault.enforcedBy = "rss-watch"
            return .ended(status: .oom, reason: "OOM at the cap (\(MemoryLimit.format(cap))) \(fault.phaseDescription): \(sample) at \(String(format: "%.2f", watch.lastSampleSeconds ?? outcome.wallSeconds)) s", fault: fault)
        }
        if outcome.timedOut {
            let fault = watch.fault(.timeout, elapsed: outcome.wallSeconds)
            return .ended(status: .timeout, reason: "timed out after \(formatSeconds(timeoutSeconds))\(where_(fault))\(sampled); \(subject) and its process group were killed", fault: fault)
        }
        var signal: Int32?
        var exitCode: Int32?
        switch outcome.termination {
        case .exited(let code): exitCode = code == 0 ? nil : code
        case .signaled(let number): signal = number
        }
        guard signal != nil || exitCode != nil else { return .exitedCleanly }
        let words = detail.map { ": " + $0 } ?? ""
        if let cap = watch.capBytes, hitDataLimit(watch: watch, stderr: outcome.stderr, dataLimitBytes: dataLimitBytes) {
            var fault = watch.fault(.memoryCap, elapsed: outcome.wallSeconds)
            fault.capBytes = cap
            fault.enforcedBy = "data-limit"
            fault.signal = signal
            fault.exitCode = exitCode
            return .ended(status: .oom, reason: "OOM at the cap (\(MemoryLimit.format(cap))) \(fault.phaseDescription): the kernel's data limit (\(MemoryLimit.format(dataLimitBytes ?? 0))) refused an allocation and \(subject) ended with \(outcome.terminationDescription); \(sample)", fault: fault)
        }
        var fault = watch.fault(signal != nil ? .signal : .exitStatus, elapsed: outcome.wallSeconds)
        fault.signal = signal
        fault.exitCode = exitCode
        let phase = where_(fault)
        if let signal {
            var hint = ""
            if signal == SIGKILL, let killEvidence {
                switch killEvidence(signal) {
                case .oomKiller(let how):
                    return .ended(status: .oom, reason: "\(subject) was killed by the kernel's OOM killer (\(how))\(phase)", fault: fault)
                case .unknown(let why): hint = " (\(why))"
                }
            }
            return .ended(status: .failed, reason: "\(subject) was \(outcome.terminationDescription)\(hint)\(phase)\(words)", fault: fault)
        }
        return .ended(status: .failed, reason: "\(subject) exited with status \(exitCode ?? 0)\(phase)\(words)", fault: fault)
    }

    /// An allocation refused under RLIMIT_DATA ends a process in one of a few ways: the Swift
    /// runtime's "Could not allocate memory" crash, SQLite's "out of memory" error, or
    /// `ENOMEM`. With the last VmData sample near the limit, any abnormal end counts.
    static func hitDataLimit(watch: RunWatch, stderr: Data, dataLimitBytes: Int?) -> Bool {
        guard let limit = dataLimitBytes else { return false }
        if let data = watch.lastDataBytes, Double(data) >= Double(limit) * 0.9 { return true }
        let text = String(decoding: stderr.suffix(4096), as: UTF8.self).lowercased()
        return ["could not allocate memory", "failed to allocate", "out of memory", "cannot allocate memory"].contains { text.contains($0) }
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}
