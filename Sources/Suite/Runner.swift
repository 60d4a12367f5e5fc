import Foundation
import MemoryProbe
import BenchModel

/// Runs a plan through an executor: proves every configuration first, prepares inputs, runs
/// each entry in plan order (repetitions interleaved), and appends every result to
/// `results.jsonl` the moment it is known, so an interrupted suite loses nothing it finished.
public final class Runner {
    let executor: RunExecutor
    let results: ResultsFile
    let progress: ProgressReporter
    /// Runs already in results.jsonl (a resumed suite, or an earlier round of adaptive runs): skipped.
    public var alreadyMeasured: Set<RunKey> = []
    /// The signal that stopped the suite, when one did.
    public private(set) var interruption: Int32?
    /// Each configuration's preflight, asked once however many times `measure` is called.
    public private(set) var preflights: [String: AllocatorPreflight] = [:]
    private var prepared: Set<String> = []
    private var failedPreparations: [String: String] = [:]
    private var reportedSkips: Set<CellKey> = []

    public init(executor: RunExecutor, results: ResultsFile, progress: ProgressReporter) {
        self.executor = executor
        self.results = results
        self.progress = progress
    }

    public struct Measured {
        /// The preflight of every configuration, in the order given.
        public var preflights: [AllocatorPreflight]
        /// The results of this call, in the order they ran.
        public var results: [RunResult]
    }

    /// Runs the plan's entries that are not measured yet. `label` numbers them within the plan.
    public func measure(_ plan: RunPlan, allocators: [AllocatorConfiguration]) throws -> Measured {
        for configuration in allocators where preflights[configuration.name] == nil {
            let preflight = executor.preflight(configuration)
            preflights[configuration.name] = preflight
            switch preflight.outcome {
            case .verified: progress.say("allocator \(configuration.name): \(preflight.proof ?? "verified")")
            case .skipped: progress.say("allocator \(configuration.name): skipped, \(preflight.reason ?? "")")
            case .failed: progress.say("allocator \(configuration.name): FAILED, \(preflight.reason ?? "")")
            }
        }
        let remaining = plan.entries.filter { !alreadyMeasured.contains($0.key) }
        for (scenario, size) in plan.preparations where remaining.contains(where: { $0.scenario == scenario && $0.size == size }) {
            let key = "\(scenario)/\(size)"
            guard !prepared.contains(key) else { continue }
            if let signal = Interruption.signal { interruption = signal; break }
            prepared.insert(key)
            if let failure = executor.prepare(scenario: scenario, size: size) {
                if failure == RunResult.interruptedReason { interruption = Interruption.signal; prepared.remove(key); break }
                failedPreparations[key] = failure
            }
        }

        var all: [RunResult] = []
        let start = Date()
        var done = 0
        let folder = (results.path as NSString).deletingLastPathComponent
        for (index, entry) in plan.entries.enumerated() where !alreadyMeasured.contains(entry.key) {
            if let signal = Interruption.signal ?? interruption { interruption = signal; break }
            let label = "[\(index + 1)/\(plan.entries.count)] \(entry.scenario) \(entry.variant) × \(entry.allocator.name)\(entry.size == 0 ? "" : ", " + grouped(entry.size)), run \(entry.repetition)"
            let result: RunResult
            let preflight = preflights[entry.allocator.name]
            if let failure = failedPreparations["\(entry.scenario)/\(entry.size)"] {
                result = .unrun(entry, index: index, status: .failed, reason: "preparing the input failed: \(failure)")
            } else if let preflight, preflight.outcome != .verified {
                // One skipped line per cell says it; a failed preflight fails every run of it.
                if preflight.outcome == .skipped && reportedSkips.contains(entry.cell) { continue }
                reportedSkips.insert(entry.cell)
                result = .unrun(entry, index: index, status: preflight.outcome == .skipped ? .skipped : .failed,
                                reason: preflight.reason)
            } else {
                result = executor.run(entry, index: index, folder: folder)
                if result.reason == RunResult.interruptedReason, let signal = Interruption.signal {
                    interruption = signal
                    progress.say("\(label): stopped by \(Interruption.name(of: signal)); not recorded")
                    break
                }
            }
            try results.append(result)
            alreadyMeasured.insert(entry.key)
            all.append(result)
            done += 1
            progress.say("\(label): \(describe(result))\(eta(start: start, done: done, total: remaining.count))")
        }
        return Measured(preflights: allocators.compactMap { preflights[$0.name] }, results: all)
    }

    func eta(start: Date, done: Int, total: Int) -> String {
        let elapsed = Date().timeIntervalSince(start)
        guard done < total, done >= 3 else { return "" }
        let remaining = elapsed / Double(done) * Double(total - done)
        return String(format: " (about %.0f s left)", remaining)
    }

    func describe(_ result: RunResult) -> String {
        switch result.status {
        case .ok:
            guard let record = result.record else { return "ok" }
            let peak = record.peakOverBaselineBytes
            return "peak \(mebibytes(peak, signed: true)) over a \(mebibytes(Double(record.baselineBytes))) baseline, \(String(format: "%.2f", record.phasesWallSeconds)) s"
        case .failed: return "FAILED: \(result.reason ?? "")"
        case .oom: return result.reason ?? "OOM"
        case .timeout: return "TIMEOUT: \(result.reason ?? "")"
        case .skipped: return "skipped: \(result.reason ?? "")"
        }
    }
}
