#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import BenchModel
import Reporting

extension Runner {
    /// Turns how a worker ended into the run's status, reason and fault facts. Returns the
    /// record to verify when the worker ended well, nil when the run is already decided.
    func classify(_ outcome: ChildProcess.Outcome, watch: RunWatch, into result: inout RunResult) -> WorkerRecord? {
        let tail = outcome.stderrTailWithoutAnnouncements()
        result.stderrTail = tail.isEmpty ? nil : tail
        let lastLine = outcome.failureLine
        let sample = watch.lastRssBytes.map { "last RSS sample \(mebibytes(Double($0)))" } ?? "no RSS sample"

        if outcome.killedReason == RunWatch.interruptedReason {
            result.reason = RunWatch.interruptedReason
            return nil
        }
        if outcome.killedReason == RunWatch.capReason, let cap = watch.capBytes {
            var fault = watch.fault(.memoryCap, elapsed: outcome.wallSeconds)
            fault.capBytes = cap
            fault.enforcedBy = "rss-watch"
            result.fault = fault
            result.status = .oom
            result.reason = "OOM at the cap (\(MemoryLimit.format(cap))) \(fault.phaseDescription): \(sample) at \(String(format: "%.2f", watch.lastSampleSeconds ?? outcome.wallSeconds)) s"
            return nil
        }
        if outcome.timedOut {
            result.fault = watch.fault(.timeout, elapsed: outcome.wallSeconds)
            result.status = .timeout
            result.reason = "timed out after \(formatSeconds(options.timeoutSeconds)) \(result.fault?.phaseDescription ?? "") (\(sample)); the worker's process group was killed"
            return nil
        }
        var signal: Int32?
        var exitCode: Int32?
        switch outcome.termination {
        case .exited(let code): exitCode = code == 0 ? nil : code
        case .signaled(let number): signal = number
        }
        if signal != nil || exitCode != nil {
            if let cap = watch.capBytes, hitDataLimit(watch: watch, stderr: outcome.stderr) {
                var fault = watch.fault(.memoryCap, elapsed: outcome.wallSeconds)
                fault.capBytes = cap
                fault.enforcedBy = "data-limit"
                fault.signal = signal
                fault.exitCode = exitCode
                result.fault = fault
                result.status = .oom
                result.reason = "OOM at the cap (\(MemoryLimit.format(cap))) \(fault.phaseDescription): the kernel's data limit (\(MemoryLimit.format(options.dataLimitBytes ?? 0))) refused an allocation and the worker ended with \(outcome.terminationDescription); \(sample)"
                return nil
            }
            var fault = watch.fault(signal != nil ? .signal : .exitStatus, elapsed: outcome.wallSeconds)
            fault.signal = signal
            fault.exitCode = exitCode
            result.fault = fault
            result.reason = "worker \(outcome.terminationDescription) \(fault.phaseDescription)\(lastLine.map { ": " + $0 } ?? "")"
            return nil
        }
        do {
            return try JSONDecoder().decode(WorkerRecord.self, from: outcome.result)
        } catch {
            result.fault = watch.fault(.malformedResult, elapsed: outcome.wallSeconds)
            let start = String(decoding: outcome.result.prefix(60), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            result.reason = outcome.result.isEmpty
                ? "the worker exited 0 without writing a result"
                : "the worker's result is not a valid record (\(outcome.result.count) bytes, starting \"\(start)\")"
            return nil
        }
    }

    /// An allocation refused under RLIMIT_DATA ends the worker in one of a few ways: the Swift
    /// runtime's "Could not allocate memory" crash, SQLite's "out of memory" error, or
    /// `ENOMEM`. With the last VmData sample near the limit, any abnormal end counts.
    func hitDataLimit(watch: RunWatch, stderr: Data) -> Bool {
        guard let limit = options.dataLimitBytes else { return false }
        if let data = watch.lastDataBytes, Double(data) >= Double(limit) * 0.9 { return true }
        let text = String(decoding: stderr.suffix(4096), as: UTF8.self).lowercased()
        return ["could not allocate memory", "failed to allocate", "out of memory", "cannot allocate memory"].contains { text.contains($0) }
    }

    func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}
