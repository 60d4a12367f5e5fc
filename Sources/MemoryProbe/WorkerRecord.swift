/// The record a worker prints for one run: what the scenario did, phase by phase, and what the
/// allocator was. Bytes are integers, units are in the names.
public struct WorkerRecord: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var scenario: String
    public var variant: String
    public var size: Int
    public var pid: Int32
    public var allocator: AllocatorIdentity
    /// How phase peaks were taken: `clear_refs` (exact: VmHWM reset at each phase start) or
    /// `sampled` (the kernel refused the reset; peaks are the sampler's maximum).
    public var peakMethod: PeakMethod
    public var peakMethodNote: String?
    /// The process before any phase ran: the floor every phase is measured against.
    public var baseline: PhaseSnapshot
    public var phases: [PhaseRecord]
    public var series: RssSeries
    /// Scenario-specific facts that prove the work was done (rows exported, bytes written).
    public var checks: [String: Int]
    /// The names in `checks` recorded as informational (a timing, a hit rate): they may differ
    /// between variants. Every other check must agree across the variants of one size. Sorted;
    /// empty when every check must agree; nil in records written before the rule (their checks
    /// are compared only where a figure says `mustAgree`).
    public var informationalChecks: [String]?
    /// The largest size this variant runs at, when it has one (`size` is always the size run:
    /// the worker refuses a larger one).
    public var maximumSize: Int?
    /// Wall time from the baseline to the end of the scenario's last phase: the phases' wall
    /// times add up to nearly all of it when every part of the work is inside a phase.
    public var wallSecondsAfterBaseline: Double?

    public init(schemaVersion: Int, scenario: String, variant: String, size: Int, pid: Int32,
                allocator: AllocatorIdentity, peakMethod: PeakMethod, peakMethodNote: String?,
                baseline: PhaseSnapshot, phases: [PhaseRecord], series: RssSeries, checks: [String: Int],
                maximumSize: Int? = nil, wallSecondsAfterBaseline: Double? = nil, informationalChecks: [String]? = nil) {
        self.schemaVersion = schemaVersion
        self.scenario = scenario
        self.variant = variant
        self.size = size
        self.pid = pid
        self.allocator = allocator
        self.peakMethod = peakMethod
        self.peakMethodNote = peakMethodNote
        self.baseline = baseline
        self.phases = phases
        self.series = series
        self.checks = checks
        self.maximumSize = maximumSize
        self.wallSecondsAfterBaseline = wallSecondsAfterBaseline
        self.informationalChecks = informationalChecks
    }
}

extension WorkerRecord {
    /// The checks every variant of this size must match (all but the informational ones); nil
    /// for a record written before checks had to agree.
    public var mustAgreeChecks: [String: Int]? {
        guard let informational = informationalChecks else { return nil }
        return checks.filter { !informational.contains($0.key) }
    }

    /// The largest per-phase peak over the run's workload phases: verification phases (a check
    /// of the output) are measured but left out, so a run's peak is the workload's.
    public var peakBytes: Int {
        phases.filter { $0.verification != true }.map(\.peakBytes).max() ?? baseline.status.rssBytes
    }

    /// Wall time inside the named phases, verification phases included.
    public var wallSecondsInPhases: Double { phases.map(\.wallSeconds).reduce(0, +) }

    /// The share of the wall time after the baseline spent inside named phases (nil when the
    /// record does not carry that time).
    public var phaseCoverage: Double? {
        guard let total = wallSecondsAfterBaseline, total > 0 else { return nil }
        return wallSecondsInPhases / total
    }
}

public enum PeakMethod: String, Codable, Sendable {
    case clearRefs = "clear_refs"
    case sampled
}

/// /proc/self/status and allocator statistics at one instant.
public struct PhaseSnapshot: Codable, Sendable {
    public var status: ProcStatus
    public var allocatorStats: AllocatorStats?

    public init(status: ProcStatus, allocatorStats: AllocatorStats?) {
        self.status = status
        self.allocatorStats = allocatorStats
    }
}

/// How the figures at the end of a command's last phase were read.
public enum PhaseEnd: String, Codable, Sendable {
    /// By the preloaded probe, when the command returned from main or called exit: before its
    /// atexit handlers, destructors and the kernel's unmapping.
    case exit
    /// The last sample taken from outside while the process ended (no probe record: a static
    /// binary, `_exit`, a signal): it may be taken during teardown, so verdicts do not use it.
    case teardownSample
}

public struct PhaseRecord: Codable, Sendable {
    public var name: String
    /// When the phase started, in seconds on the series' time axis.
    public var startSeconds: Double
    public var wallSeconds: Double
    public var cpuSeconds: Double
    public var startRssBytes: Int
    /// RSS, anonymous, file-backed and swapped bytes when the phase ended.
    public var rssBytes: Int
    public var rssAnonBytes: Int?
    public var rssFileBytes: Int?
    public var swapBytes: Int?
    /// The phase's peak RSS: VmHWM reset at the phase start (exact), or the sampled maximum.
    public var peakBytes: Int
    /// The sampler's largest reading inside the phase (misses spikes shorter than the interval).
    public var sampledPeakBytes: Int?
    public var allocatorStats: AllocatorStats?
    /// What the phase did to the allocator, where it matters (e.g. `malloc_trim(0) = 1`).
    public var note: String?
    /// True for a phase that checks the workload's output (the scenario's verification
    /// phases): measured, but not part of the run's peak. Absent for workload phases.
    public var verification: Bool?
    /// The allocations the phase made, when the allocation counter was preloaded (counted runs).
    public var allocations: AllocationCounts?
    /// How a `bench exec` run's last phase ended (absent: read at the phase boundary, as
    /// markers and worker phases are): see `PhaseEnd`.
    public var end: PhaseEnd?

    public init(name: String, startSeconds: Double, wallSeconds: Double, cpuSeconds: Double, startRssBytes: Int,
                rssBytes: Int, rssAnonBytes: Int?, rssFileBytes: Int?, swapBytes: Int?, peakBytes: Int,
                sampledPeakBytes: Int?, allocatorStats: AllocatorStats?, note: String?, verification: Bool? = nil,
                allocations: AllocationCounts? = nil, end: PhaseEnd? = nil) {
        self.name = name
        self.startSeconds = startSeconds
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
        self.startRssBytes = startRssBytes
        self.rssBytes = rssBytes
        self.rssAnonBytes = rssAnonBytes
        self.rssFileBytes = rssFileBytes
        self.swapBytes = swapBytes
        self.peakBytes = peakBytes
        self.sampledPeakBytes = sampledPeakBytes
        self.allocatorStats = allocatorStats
        self.note = note
        self.verification = verification
        self.allocations = allocations
        self.end = end
    }
}

/// The RSS time series, thinned for the record to at most a few thousand points by keeping
/// each bucket's maximum (a peak is never averaged away).
public struct RssSeries: Codable, Sendable {
    public var requestedIntervalMs: Double
    public var effectiveIntervalMs: Double
    public var samplesTaken: Int
    public var seconds: [Double]
    public var rssBytes: [Int]

    public init(requestedIntervalMs: Double, effectiveIntervalMs: Double, samples: [(seconds: Double, rssBytes: Int)], maxPoints: Int) {
        self.requestedIntervalMs = requestedIntervalMs
        self.effectiveIntervalMs = effectiveIntervalMs
        self.samplesTaken = samples.count
        let bucket = max(1, (samples.count + maxPoints - 1) / max(1, maxPoints))
        var seconds: [Double] = []
        var rss: [Int] = []
        var index = 0
        while index < samples.count {
            let slice = samples[index..<min(samples.count, index + bucket)]
            let top = slice.max { $0.rssBytes < $1.rssBytes }!
            seconds.append((top.seconds * 1e6).rounded() / 1e6)
            rss.append(top.rssBytes)
            index += bucket
        }
        self.seconds = seconds
        self.rssBytes = rss
    }
}

extension RssSeries {
    /// Samples kept in memory while a run goes on (exec's series): past it they are halved.
    public static let liveCapacity = 65_536

    /// Half as many samples: the larger of each pair, with its time, so the sampled maximum
    /// stays (an odd last sample is kept as it is).
    public static func halved(_ samples: [(seconds: Double, rssBytes: Int)]) -> [(seconds: Double, rssBytes: Int)] {
        stride(from: 0, to: samples.count, by: 2).map { index in
            guard index + 1 < samples.count else { return samples[index] }
            return samples[index + 1].rssBytes > samples[index].rssBytes ? samples[index + 1] : samples[index]
        }
    }
}

/// The answer of `bench-worker identify`: the allocator, and its statistics after
/// `contendingThreads` threads allocated at once.
public struct AllocatorIdentification: Codable, Sendable {
    public var allocator: AllocatorIdentity
    public var contendingThreads: Int
    public var stats: AllocatorStats?

    public init(allocator: AllocatorIdentity, contendingThreads: Int, stats: AllocatorStats?) {
        self.allocator = allocator
        self.contendingThreads = contendingThreads
        self.stats = stats
    }
}
