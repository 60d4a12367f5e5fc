import Foundation
import MemoryProbe
@testable import BenchModel
@testable import Suite

/// The few records the Suite tests need (one phase, glibc proved): minimal on purpose; the
/// shared builders of TestSupport can replace them.
enum RunFixtures {
    static let mib = 1 << 20

    static func record(variant: String = "a", peakMiB: Int = 10, allocations: AllocationCounts? = nil,
                       kind: AllocatorKind = .glibc) -> WorkerRecord {
        let base = 20 * mib
        let phase = PhaseRecord(name: "work", startSeconds: 0, wallSeconds: 0.1, cpuSeconds: 0.1, startRssBytes: base,
                                rssBytes: base + peakMiB * mib, rssAnonBytes: nil, rssFileBytes: nil, swapBytes: nil,
                                peakBytes: base + peakMiB * mib, sampledPeakBytes: nil, allocatorStats: nil, note: nil,
                                allocations: allocations)
        return WorkerRecord(
            schemaVersion: WorkerRecord.currentSchemaVersion, scenario: "s", variant: variant, size: 10, pid: 1,
            allocator: AllocatorIdentity(kind: kind, version: kind == .glibc ? "2.36" : "5.3.0",
                                         mallocProvider: kind == .glibc ? "libc.so.6" : "libjemalloc.so.2", mappedLibraries: [], evidence: []),
            peakMethod: .clearRefs, peakMethodNote: nil,
            baseline: PhaseSnapshot(status: ProcStatus(rssBytes: base, hwmBytes: base), allocatorStats: nil), phases: [phase],
            series: RssSeries(requestedIntervalMs: 1, effectiveIntervalMs: 1, samples: [(0, base), (0.1, base + peakMiB * mib)], maxPoints: 10),
            checks: [:])
    }

    /// A run of `entry` that ended as `status`, with a record when it is ok.
    static func result(_ entry: RunPlan.Entry, index: Int, status: RunResult.Status = .ok, peakMiB: Int = 10) -> RunResult {
        var result = RunResult.unrun(entry, index: index, status: status, reason: status == .ok ? nil : "scripted \(status.rawValue)")
        if status == .ok {
            result.record = record(variant: entry.variant, peakMiB: peakMiB)
            result.verified = RunResult.Verified(kind: .glibc, version: "2.36", proof: "scripted")
            result.process = RunResult.ProcessFacts(wallSeconds: 0.2, maxRSSBytes: nil, termination: "exit status 0")
        }
        return result
    }
}
