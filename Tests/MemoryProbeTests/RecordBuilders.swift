import MemoryProbe

// This target tests the record types that TestSupport's builders are made of (the run's peak
// rule, the JSON of a phase), so it builds them with MemoryProbe's own initializers, in
// absolute bytes, and depends on MemoryProbe alone (TestSupport brings BenchModel, Reporting
// and Statistics, all built on top of MemoryProbe).
private let mib = 1 << 20

extension PhaseRecord {
    /// A phase that starts and ends at 10 MiB and peaks at `peakMiB`, exactly (no sampled peak).
    static func probeTest(_ name: String, start: Double, peakMiB: Int, verification: Bool? = nil) -> PhaseRecord {
        PhaseRecord(name: name, startSeconds: start, wallSeconds: 0.1, cpuSeconds: 0.1, startRssBytes: 10 * mib,
                    rssBytes: 10 * mib, rssAnonBytes: nil, rssFileBytes: nil, swapBytes: nil, peakBytes: peakMiB * mib,
                    sampledPeakBytes: nil, allocatorStats: nil, note: nil, verification: verification)
    }
}

extension WorkerRecord {
    /// A glibc 2.36 record of `phases` over a 10 MiB baseline, `wall` seconds after it when given.
    static func probeTest(_ phases: [PhaseRecord] = [], wall: Double? = nil, checks: [String: Int] = [:]) -> WorkerRecord {
        let baseline = 10 * mib
        return WorkerRecord(schemaVersion: 1, scenario: "bulk-writes", variant: "insert-per-row", size: 10, pid: 1,
                            allocator: AllocatorIdentity(kind: .glibc, version: "2.36", mallocProvider: "libc.so.6", mappedLibraries: [], evidence: []),
                            peakMethod: .clearRefs, peakMethodNote: nil,
                            baseline: PhaseSnapshot(status: ProcStatus(rssBytes: baseline, hwmBytes: baseline), allocatorStats: nil),
                            phases: phases, series: RssSeries(requestedIntervalMs: 1, effectiveIntervalMs: 1, samples: [], maxPoints: 10),
                            checks: checks, wallSecondsAfterBaseline: wall)
    }
}
