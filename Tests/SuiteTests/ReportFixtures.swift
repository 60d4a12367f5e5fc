import Foundation
import Scenarios
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Doctor
@testable import Reporting

/// Synthetic runs of load-all-vs-batched for report tests: a glibc-proved record with export,
/// release and trim phases and an RSS series rising to the peak and falling to the release level.
enum ReportFixtures {
    static let mib = 1_048_576

    static func run(_ variant: String, _ allocator: String, repetition: Int, peakMiB: Int, releaseMiB: Int,
                    status: RunResult.Status = .ok, reason: String? = nil) -> RunResult {
        let base = 20 * mib
        func phase(_ name: String, start: Double, peak: Int, end: Int) -> PhaseRecord {
            PhaseRecord(name: name, startSeconds: start, wallSeconds: 0.1, cpuSeconds: 0.1, startRssBytes: base, rssBytes: base + end,
                        rssAnonBytes: nil, rssFileBytes: nil, swapBytes: nil, peakBytes: base + peak, sampledPeakBytes: base + peak,
                        allocatorStats: AllocatorStats(liveBytes: end, arenas: 1), note: nil)
        }
        let samples: [(seconds: Double, rssBytes: Int)] = [(0, base), (0.05, base + peakMiB * mib / 2), (0.1, base + peakMiB * mib),
                                                           (0.15, base + releaseMiB * mib), (0.3, base + mib)]
        let record = WorkerRecord(
            schemaVersion: 1, scenario: "load-all-vs-batched", variant: variant, size: 1000, pid: 1,
            allocator: AllocatorIdentity(kind: .glibc, version: "2.36", mallocProvider: "libc.so.6", mappedLibraries: [], evidence: []),
            peakMethod: .clearRefs, peakMethodNote: nil,
            baseline: PhaseSnapshot(status: ProcStatus(rssBytes: base, hwmBytes: base), allocatorStats: nil),
            phases: [phase("export", start: 0, peak: peakMiB * mib, end: peakMiB * mib),
                     phase("release", start: 0.1, peak: peakMiB * mib, end: releaseMiB * mib),
                     phase("trim", start: 0.2, peak: releaseMiB * mib, end: 1 * mib)],
            series: RssSeries(requestedIntervalMs: 1, effectiveIntervalMs: 1, samples: samples, maxPoints: 100), checks: [:])
        return RunResult(schemaVersion: 1, index: 0, scenario: "load-all-vs-batched", variant: variant, allocator: allocator,
                         size: 1000, repetition: repetition, status: status, reason: reason,
                         configuration: AllocatorConfiguration(name: allocator, summary: "", expectedKind: .glibc),
                         environment: [:], verified: status == .ok ? .init(kind: .glibc, version: "2.36", proof: "glibc 2.36") : nil,
                         process: nil, record: status == .ok ? record : nil, stderrTail: nil)
    }

    static func environment() -> MachineFacts {
        MachineFacts.collect(commandLine: "bench test", buildConfiguration: "debug", allocators: [])
    }

    /// Three runs per cell: load-all and batched under glibc and jemalloc-preload, peaks (MiB)
    /// `loadAll`+jitter and 5+jitter.
    static func report(loadAllPeakMiB: Int = 100, jitter: [Int] = [0, 2, 1], allocators: [String] = ["glibc", "jemalloc-preload"]) -> (Report, [RunResult]) {
        var results: [RunResult] = []
        for (index, extra) in jitter.enumerated() {
            for allocator in allocators {
                results.append(run("load-all", allocator, repetition: index + 1, peakMiB: loadAllPeakMiB + extra, releaseMiB: 80))
                results.append(run("batched", allocator, repetition: index + 1, peakMiB: 5 + extra, releaseMiB: 4))
            }
        }
        let report = ReportBuilder.build(runId: "fixture", results: results, plannedRuns: results.count, elapsedSeconds: 1,
                                         environment: environment(), allocatorOrder: allocators, scenarios: ScenarioCatalog.description.scenarios)
        return (report, results)
    }
}
