import BenchModel
import MemoryProbe

/// Builders for the records a worker and the runner write, with the fields report tests do not
/// care about filled in once: a test states the phases, sizes and statuses it is about.
public enum Fixtures {
    public static let mib = 1_048_576
    public static let kib = 1024
    /// Every fixture run starts at 20 MiB of RSS (its baseline).
    public static let baselineBytes = 20 * mib

    /// A fixed machine (no /proc, no `swift --version`): a debug build on 2 cores.
    public static var machine: MachineFacts {
        var facts = MachineFacts.unknown
        facts.kernel = "Linux 6.18"
        facts.architecture = "x86_64"
        facts.cpuModel = "Test CPU"
        facts.cores = 2
        facts.memoryBytes = 24 << 30
        facts.transparentHugePages = "madvise"
        facts.glibcVersion = "2.36"
        facts.swiftVersion = "6.3.1"
        facts.buildConfiguration = "debug"
        facts.commandLine = "bench test"
        facts.startedAt = "2026-12-01T00:00:00Z"
        return facts
    }
}

extension PhaseRecord {
    /// A phase that starts at `baselineBytes`, ends `endBytes` and peaks `peakBytes` over it (the
    /// sampler saw the same peak unless `sampledPeak` is false or it saw `sampledPeakBytes`), with
    /// the allocations a counted run would have recorded.
    public static func fixture(_ name: String, start: Double = 0, wallSeconds: Double = 0.1,
                               baselineBytes: Int = Fixtures.baselineBytes, peakBytes: Int, endBytes: Int,
                               sampledPeak: Bool = true, sampledPeakBytes: Int? = nil, allocatorStats: AllocatorStats? = nil,
                               allocations: AllocationCounts? = nil) -> PhaseRecord {
        let sampled = sampledPeak ? baselineBytes + (sampledPeakBytes ?? peakBytes) : nil
        return PhaseRecord(name: name, startSeconds: start, wallSeconds: wallSeconds, cpuSeconds: wallSeconds,
                           startRssBytes: baselineBytes, rssBytes: baselineBytes + endBytes, rssAnonBytes: nil, rssFileBytes: nil,
                           swapBytes: nil, peakBytes: baselineBytes + peakBytes, sampledPeakBytes: sampled,
                           allocatorStats: allocatorStats, note: nil, allocations: allocations)
    }
}

extension WorkerRecord {
    /// A record of `phases` under glibc 2.36 (or jemalloc), exact peaks, with an RSS series of
    /// `samples` (seconds, bytes) and the scenario's `checks`.
    public static func fixture(scenario: String, variant: String, size: Int, kind: AllocatorKind = .glibc,
                               baselineBytes: Int = Fixtures.baselineBytes, phases: [PhaseRecord],
                               samples: [(seconds: Double, rssBytes: Int)] = [], checks: [String: Int] = [:]) -> WorkerRecord {
        let glibc = kind == .glibc
        return WorkerRecord(
            schemaVersion: WorkerRecord.currentSchemaVersion, scenario: scenario, variant: variant, size: size, pid: 1,
            allocator: AllocatorIdentity(kind: kind, version: glibc ? "2.36" : nil, mallocProvider: glibc ? "libc.so.6" : "",
                                         mappedLibraries: [], evidence: []),
            peakMethod: .clearRefs, peakMethodNote: nil,
            baseline: PhaseSnapshot(status: ProcStatus(rssBytes: baselineBytes, hwmBytes: baselineBytes), allocatorStats: nil),
            phases: phases, series: RssSeries(requestedIntervalMs: 1, effectiveIntervalMs: 1, samples: samples, maxPoints: 100),
            checks: checks)
    }
}

extension RunResult {
    /// One run of a cell: ok with `record` (proved `kind`), or another status with `reason` and no record.
    public static func fixture(scenario: String, variant: String, allocator: String, size: Int, repetition: Int = 1,
                               kind: AllocatorKind = .glibc, status: Status = .ok, reason: String? = nil,
                               record: WorkerRecord? = nil) -> RunResult {
        let version = kind == .glibc ? "2.36" : nil
        return RunResult(schemaVersion: RunResult.currentSchemaVersion, index: 0, scenario: scenario, variant: variant,
                         allocator: allocator, size: size, repetition: repetition, status: status, reason: reason,
                         configuration: AllocatorConfiguration(name: allocator, summary: "", expectedKind: kind),
                         environment: [:],
                         verified: status == .ok ? Verified(kind: kind, version: version, proof: kind == .glibc ? "glibc 2.36" : "test") : nil,
                         record: status == .ok ? record : nil)
    }

    /// The ok run a scripted executor answers for `entry` (its index, configuration and a 0.2 s
    /// process), carrying `record`.
    public static func fixture(_ entry: RunPlan.Entry, index: Int, record: WorkerRecord) -> RunResult {
        var result = fixture(scenario: entry.scenario, variant: entry.variant, allocator: entry.allocator.name, size: entry.size,
                             repetition: entry.repetition, kind: record.allocator.kind, record: record)
        result.index = index
        result.configuration = entry.allocator
        result.process = ProcessFacts(wallSeconds: 0.2, maxRSSBytes: nil, termination: "exit status 0")
        return result
    }

    /// An ok run carrying `record`, its cell read from the record.
    public static func fixture(_ record: WorkerRecord, allocator: String, repetition: Int = 1) -> RunResult {
        fixture(scenario: record.scenario, variant: record.variant, allocator: allocator, size: record.size,
                repetition: repetition, kind: record.allocator.kind, record: record)
    }
}
