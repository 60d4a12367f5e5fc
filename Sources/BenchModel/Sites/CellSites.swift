/// Where a cell's memory came from: what `--sites` found in the cell's one profiling run, a
/// run made under jemalloc with heap profiling on, apart from the measured runs. Its RSS is
/// instrumented and appears in no figure or verdict; only the sites below come from it.
/// Written to `sites.json` in the run folder and carried by report.json (`sites`).
public struct CellSites: Codable, Sendable, Equatable {
    public var scenario: String
    public var variant: String
    public var size: Int
    /// The configuration the profiling run ran under (always jemalloc: only its profiler is used).
    public var profiledUnder: String
    /// jemalloc's `lg_prof_sample`: one sample per 2^N allocated bytes on average.
    public var lgProfSample: Int
    /// Nil when the profile was taken and read; else why there are no sites.
    public var failure: String?
    /// The profiling run's wall time over its phases, and the median of the measured runs'
    /// (under the same jemalloc configuration when it was measured, else every configuration).
    public var profiledWallSeconds: Double?
    public var measuredWallSeconds: Double?
    /// One entry per phase, in run order, each from the heap profile dumped as the phase ended.
    public var phases: [PhaseSites]
    /// The phase whose end held the most sampled live bytes: the flame graph's phase.
    public var peakPhase: String?
    /// The peak phase's stacks (harness frames folded away), root first, for the flame graph.
    public var peakStacks: [FoldedStack]?
    /// `bench exec --sites`: the process whose profile this is (of the command's tree, the one
    /// holding the most sampled bytes at its peak), e.g. `prog (pid 123; 1 of 2 processes profiled)`.
    public var profiledProcess: String?

    public init(scenario: String, variant: String, size: Int, profiledUnder: String, lgProfSample: Int,
                failure: String? = nil, phases: [PhaseSites] = []) {
        self.scenario = scenario
        self.variant = variant
        self.size = size
        self.profiledUnder = profiledUnder
        self.lgProfSample = lgProfSample
        self.failure = failure
        self.phases = phases
    }

    public func phase(_ name: String) -> PhaseSites? { phases.first { $0.phase == name } }
}

/// The bytes in use at one phase's end, by site.
public struct PhaseSites: Codable, Sendable, Equatable {
    public var phase: String
    /// The heap profile's estimate of the live bytes (every sampled allocation, scaled).
    public var sampledLiveBytes: Int
    /// jemalloc's own `stats.allocated` read just before the dump: the figure to check the
    /// estimate against (their difference is the sampling error, plus the dump's moment).
    public var allocatorLiveBytes: Int?
    /// The largest sites, largest first.
    public var sites: [AllocationSite]

    public init(phase: String, sampledLiveBytes: Int, allocatorLiveBytes: Int?, sites: [AllocationSite]) {
        self.phase = phase
        self.sampledLiveBytes = sampledLiveBytes
        self.allocatorLiveBytes = allocatorLiveBytes
        self.sites = sites
    }

    public func site(_ name: String) -> AllocationSite? { sites.first { $0.site == name } }
}

/// One allocation site: the call the workload's own code made that led to the bytes (or the
/// workload's own function, when it called the allocator itself), with the frames that led there.
public struct AllocationSite: Codable, Sendable, Equatable {
    public var site: String
    /// The workload's frames from its outermost to the site (harness frames left out), along
    /// the site's heaviest stack.
    public var path: [String]
    /// The innermost frame of that stack above the allocator: what grew (a String's storage,
    /// an Array's buffer).
    public var allocatingFrame: String?
    public var bytes: Int
    /// bytes / the phase's sampled live bytes.
    public var share: Double

    public init(site: String, path: [String], allocatingFrame: String? = nil, bytes: Int, share: Double) {
        self.site = site
        self.path = path
        self.allocatingFrame = allocatingFrame
        self.bytes = bytes
        self.share = share
    }
}

/// One collapsed stack (`a;b;c bytes`), root first.
public struct FoldedStack: Codable, Sendable, Equatable {
    public var frames: [String]
    public var bytes: Int

    public init(frames: [String], bytes: Int) {
        self.frames = frames
        self.bytes = bytes
    }
}
