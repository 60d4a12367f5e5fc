import Foundation
import BenchModel

extension SuiteSession {
    /// `--sites`, once the measured runs are done and their results written: the profiling runs
    /// (MemoryBench's workers here; `bench exec`'s executor profiles its command its own way).
    /// Their results never join `results`: only their sites reach the report.
    func profileSites(_ plan: RunPlan, results: [RunResult], directory: URL, scratch: String, interrupted: Bool) throws -> [CellSites]? {
        guard let siteProfiling, !interrupted else { return nil }
        if let executor = executor as? SiteProfilingExecutor {
            return try executor.profileSites(plan, measured: results, directory: directory, profiling: siteProfiling, progress: progress)
        }
        guard executor == nil else { return nil }
        progress.say("sites: one profiling run per cell under jemalloc (lg_prof_sample \(siteProfiling.lgSample)), apart from the measured runs")
        let profiler = SiteProfiler(workers: workers, options: runnerOptions, scratchDirectory: scratch,
                                    lgSample: siteProfiling.lgSample, symbolizer: siteProfiling.symbolizer, progress: progress)
        return try profiler.profile(plan, measured: results, directory: directory)
    }
}
