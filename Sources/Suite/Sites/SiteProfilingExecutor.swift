import Foundation
import BenchModel

/// A run executor that takes `--sites` profiles its own way (`bench exec`'s command executor:
/// a foreign command has no worker to call `prof.dump`). The profiling runs it makes are never
/// returned as results: only their sites reach the report.
public protocol SiteProfilingExecutor: RunExecutor {
    func profileSites(_ plan: RunPlan, measured: [RunResult], directory: URL, profiling: SiteProfiling,
                      progress: ProgressReporter) throws -> [CellSites]
}
