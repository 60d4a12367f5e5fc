import MemoryProbe

/// One line of `results.jsonl`: one scenario variant × allocator configuration × size ×
/// repetition, appended the moment the run ends.
public struct RunResult: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public enum Status: String, Codable, Sendable {
        case ok, failed, skipped
        /// Killed at the memory cap (see `fault`): a result, not a crash.
        case oom
        /// Killed after `--timeout` seconds.
        case timeout
    }

    public struct Verified: Codable, Sendable, Equatable {
        public var kind: AllocatorKind
        public var version: String?
        /// One line: how the allocator was proved, e.g. "jemalloc 5.3.0 (mallctl(\"version\"); …)".
        public var proof: String

        public init(kind: AllocatorKind, version: String? = nil, proof: String) {
            self.kind = kind
            self.version = version
            self.proof = proof
        }
    }

    public struct ProcessFacts: Codable, Sendable {
        public var wallSeconds: Double
        /// The command's own peak from wait4's ru_maxrss, for `bench exec` runs only (started
        /// through bench-exec-launcher, which forks it, so the figure is the command's). Absent
        /// for worker runs: posix_spawn shares bench's memory until exec, so the kernel counts
        /// bench's own high-water mark into the worker's figure, and the worker's per-phase peak
        /// resets lower it; neither bound is the worker's peak, and the reports use the worker's
        /// per-phase VmHWM figures. (Results written before this was settled may carry it.)
        public var maxRSSBytes: Int?
        public var termination: String

        public init(wallSeconds: Double, maxRSSBytes: Int?, termination: String) {
            self.wallSeconds = wallSeconds
            self.maxRSSBytes = maxRSSBytes
            self.termination = termination
        }
    }

    public var schemaVersion: Int
    public var index: Int
    public var scenario: String
    public var variant: String
    public var allocator: String
    public var size: Int
    public var repetition: Int
    public var status: Status
    public var reason: String?
    public var configuration: AllocatorConfiguration
    /// The worker's whole environment, as the runner built it.
    public var environment: [String: String]
    public var verified: Verified?
    public var process: ProcessFacts?
    public var record: WorkerRecord?
    public var stderrTail: String?
    /// `bench exec` runs only: the foreign command and what was measured from outside it.
    public var exec: ExecFacts? = nil
    /// How a run that did not finish ended (signal, exit code, cap, phase, last RSS sample).
    public var fault: RunFault? = nil
    /// The memory cap and timeout the run was under.
    public var limits: RunLimits? = nil

    public var cell: CellKey { CellKey(scenario: scenario, variant: variant, allocator: allocator, size: size) }

    public init(schemaVersion: Int, index: Int, scenario: String, variant: String, allocator: String, size: Int, repetition: Int, status: Status, reason: String? = nil, configuration: AllocatorConfiguration, environment: [String: String], verified: Verified? = nil, process: ProcessFacts? = nil, record: WorkerRecord? = nil, stderrTail: String? = nil, exec: ExecFacts? = nil, fault: RunFault? = nil, limits: RunLimits? = nil) {
        self.schemaVersion = schemaVersion
        self.index = index
        self.scenario = scenario
        self.variant = variant
        self.allocator = allocator
        self.size = size
        self.repetition = repetition
        self.status = status
        self.reason = reason
        self.configuration = configuration
        self.environment = environment
        self.verified = verified
        self.process = process
        self.record = record
        self.stderrTail = stderrTail
        self.exec = exec
        self.fault = fault
        self.limits = limits
    }
}

extension WorkerRecord {
    public var baselineBytes: Int { baseline.status.rssBytes }
    public func phase(_ name: String) -> PhaseRecord? { phases.first { $0.name == name } }
    /// The run's peak over its own baseline (verification phases left out), the figure every
    /// comparison of peaks uses.
    public var peakOverBaselineBytes: Double { Double(peakBytes - baselineBytes) }
    /// RSS over the baseline at the end of `phase`, when the run has it.
    public func rssOverBaselineBytes(after phase: String) -> Double? {
        self.phase(phase).map { Double($0.rssBytes - baselineBytes) }
    }
    /// Wall time of all measured phases.
    public var phasesWallSeconds: Double { phases.map(\.wallSeconds).reduce(0, +) }
    /// The largest glibc arena count seen at any phase boundary.
    public var arenasSeen: Int? {
        guard allocator.kind == .glibc else { return nil }
        return ([baseline.allocatorStats?.arenas] + phases.map { $0.allocatorStats?.arenas }).compactMap { $0 }.max()
    }
}
