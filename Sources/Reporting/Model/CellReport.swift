import BenchModel
import Statistics

/// A cell's runs summarised: every byte figure is over the run's own baseline (the process's
/// RSS before its first phase) unless its name says otherwise.
public struct CellReport: Codable, Sendable {
    public var key: CellKey
    public var status: RunResult.Status
    public var okRuns: Int
    public var failedRuns: Int
    public var reasons: [String]
    /// How the allocator was proved, as the first verified run put it.
    public var proof: String?
    public var baselineBytes: Summary?
    public var peakBytes: Summary?
    public var peakOverBaselineBytes: Summary?
    /// RSS over baseline at the end of each phase.
    public var rssAfterPhaseOverBaselineBytes: [String: Summary]
    /// Allocator live bytes at the end of the scenario's live phase.
    public var liveBytes: Summary?
    public var wallSeconds: Summary?
    public var phases: [PhaseSummary]
    /// wait4's ru_maxrss over the runs: the command's own peak for `bench exec`; for worker runs
    /// an upper bound that includes bench's high-water mark at spawn (see `ProcessFacts`).
    public var maxRSSBytes: Summary?
    /// A service's steady state (a `bench exec --duration` run, a soak): warm-up, creep with its
    /// interval, plateau and final level, whole RSS as sampled (not over baseline: a service's
    /// level is what its dashboard shows); nil for a cell that serves nothing.
    public var steadyState: SteadyStateSummary? = nil

    public struct PhaseSummary: Codable, Sendable {
        public var name: String
        public var peakOverBaselineBytes: Summary?
        public var sampledPeakOverBaselineBytes: Summary?
        public var rssOverBaselineBytes: Summary?
        public var rssAnonBytes: Summary?
        public var rssFileBytes: Summary?
        public var liveBytes: Summary?
        public var freeBytes: Summary?
        public var residentBytes: Summary?
        public var retainedBytes: Summary?
        public var arenas: Int?
        public var wallSeconds: Summary?
        public var cpuSeconds: Summary?
    }
}
