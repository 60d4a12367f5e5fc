import Foundation
import BenchModel

/// A suite of MemoryBench's own workers: it records the worker binaries (and warns on resume
/// when one changed), holds the cap with the kernel's data limit behind the RSS watch, and
/// profiles `--sites` in the worker, which dumps jemalloc's heap profile at every phase end.
extension WorkerExecutor: SuiteExecutor {
    public func binaries(for allocators: [AllocatorConfiguration], digestBuiltIn: Bool) -> [WorkerBinaryFacts]? {
        workers.binaries(for: allocators, digestBuiltIn: digestBuiltIn)
    }

    public func capEnforcement(capBytes: Int) -> String {
        " (kernel data limit \(MemoryLimit.format(options.dataLimitBytes ?? 0)))"
    }

    public mutating func beginSuite(scratchDirectory: String) {
        self.scratchDirectory = scratchDirectory
    }

    public func profileSites(_ plan: RunPlan, measured: [RunResult], folder: RunFolder, profiling: SiteProfiling,
                             progress: ProgressReporter) throws -> [CellSites] {
        progress.say("sites: one profiling run per cell under jemalloc (lg_prof_sample \(profiling.lgSample)), apart from the measured runs")
        let profiler = SiteProfiler(workers: workers, options: options, scratchDirectory: scratchDirectory,
                                    lgSample: profiling.lgSample, symbolizer: profiling.symbolizer, progress: progress)
        return try profiler.profile(plan, measured: measured, folder: folder)
    }

    /// The runs of two builds would end up in one report.
    public func changes(since recorded: [WorkerBinaryFacts]) -> [String] {
        recorded.compactMap { old in
            let now = SHA256.hex(ofFile: old.path)
            guard let was = old.sha256, now != was else { return nil }
            return "\(old.path) changed since the suite started (sha256 \(was.prefix(12))… then, \(now.map { "\($0.prefix(12))…" } ?? "unreadable") now): its new runs come from another build"
        }
    }
}
