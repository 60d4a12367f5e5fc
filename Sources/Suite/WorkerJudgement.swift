import Foundation
import MemoryProbe
import BenchModel

/// How one run of MemoryBench's worker is judged once the worker ended, from its outcome and
/// what was watched alone (no process, no file): how it ended (`ProcessEnding`), then its
/// record on fd 3, then whether the allocator it found is the configuration's, then (counted
/// runs) whether the counter was in it.
public struct WorkerJudgement {
    public var configuration: AllocatorConfiguration
    /// The worker's LD_PRELOAD, for the message when the counter was not found.
    public var preload: String?
    public var timeoutSeconds: Double
    public var dataLimitBytes: Int?
    /// The worker executable's name, which starts its own messages ("CSVParse: …").
    public var workerName = "bench-worker"

    public init(configuration: AllocatorConfiguration, preload: String?, timeoutSeconds: Double, dataLimitBytes: Int?) {
        self.configuration = configuration
        self.preload = preload
        self.timeoutSeconds = timeoutSeconds
        self.dataLimitBytes = dataLimitBytes
    }

    /// The verdict, and the worker's record when it wrote a valid one (kept also when the run
    /// fails its proof).
    public func judge(_ outcome: ChildProcess.Outcome, watch: RunWatch) -> (verdict: RunVerdict, record: WorkerRecord?) {
        switch ProcessEnding.classify(outcome, subject: "the worker", watch: watch, timeoutSeconds: timeoutSeconds,
                                      dataLimitBytes: dataLimitBytes, detail: outcome.failureLine(worker: workerName)) {
        case .interrupted: return (.interrupted, nil)
        case .ended(let status, let reason, let fault): return (RunVerdict(status: status, reason: reason, fault: fault), nil)
        case .exitedCleanly: break
        }
        guard let record = try? JSONDecoder().decode(WorkerRecord.self, from: outcome.result) else {
            let start = String(decoding: outcome.result.prefix(60), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let reason = outcome.result.isEmpty
                ? "the worker exited 0 without writing a result"
                : "the worker's result is not a valid record (\(outcome.result.count) bytes, starting \"\(start)\")"
            return (.failed(reason, fault: watch.fault(.malformedResult, elapsed: outcome.wallSeconds)), nil)
        }
        return (verdict(of: record), record)
    }

    /// A valid record's verdict: the configuration's allocator proved, and counted when it should be.
    func verdict(of record: WorkerRecord) -> RunVerdict {
        if let failure = AllocatorVerification.failure(of: configuration, identity: record.allocator, arenasSeen: record.arenasSeen) {
            return .failed(failure)
        }
        if configuration.isCounted, record.phases.contains(where: { $0.allocations == nil }) {
            return .failed("\(configuration.name): the allocation counter was not found in the worker (LD_PRELOAD=\(preload ?? "unset"))")
        }
        let proof = AllocatorVerification.proof(of: configuration, identity: record.allocator, arenasSeen: record.arenasSeen)
        return RunVerdict(status: .ok, verified: RunResult.Verified(kind: record.allocator.kind, version: record.allocator.version, proof: proof))
    }
}
