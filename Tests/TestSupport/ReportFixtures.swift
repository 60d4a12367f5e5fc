import BenchModel
import MemoryProbe
import Reporting

/// Synthetic runs of load-all-vs-batched for report tests: a glibc-proved record with export,
/// release and trim phases and an RSS series rising to the peak and falling to the release level.
public enum ReportFixtures {
    public static let mib = Fixtures.mib

    public static func run(_ variant: String, _ allocator: String, repetition: Int, peakMiB: Int, releaseMiB: Int,
                           extraKiB: Int = 0, status: RunResult.Status = .ok, reason: String? = nil) -> RunResult {
        let base = Fixtures.baselineBytes
        let peakBytes = peakMiB * mib + extraKiB * 1024
        func phase(_ name: String, start: Double, peak: Int, end: Int) -> PhaseRecord {
            .fixture(name, start: start, peakBytes: peak, endBytes: end, allocatorStats: AllocatorStats(liveBytes: end, arenas: 1))
        }
        let samples: [(seconds: Double, rssBytes: Int)] = [(0, base), (0.05, base + peakBytes / 2), (0.1, base + peakBytes),
                                                           (0.15, base + releaseMiB * mib), (0.3, base + mib)]
        let record = WorkerRecord.fixture(
            scenario: "load-all-vs-batched", variant: variant, size: 1000,
            phases: [phase("export", start: 0, peak: peakBytes, end: peakBytes),
                     phase("release", start: 0.1, peak: peakBytes, end: releaseMiB * mib + extraKiB * 256),
                     phase("trim", start: 0.2, peak: releaseMiB * mib, end: 1 * mib)],
            samples: samples)
        return .fixture(scenario: "load-all-vs-batched", variant: variant, allocator: allocator, size: 1000, repetition: repetition,
                        status: status, reason: reason, record: record)
    }

    public static func environment() -> MachineFacts { Fixtures.machine }

    /// The report of `results`, with the fixtures' catalog and machine, allocators in `allocators` order.
    public static func build(_ results: [RunResult], allocators: [String] = ["glibc"], plannedRuns: Int? = nil,
                             scenarios: [ScenarioDescription] = ScenarioFixtures.catalog,
                             calibration: CalibrationFigures? = nil, runId: String = "t") -> Report {
        ReportBuilder.build(runId: runId, results: results, plannedRuns: plannedRuns ?? results.count, elapsedSeconds: 1,
                            environment: environment(), allocatorOrder: allocators, scenarios: scenarios, calibration: calibration)
    }

    /// Three runs per cell: load-all and batched under glibc and jemalloc-preload, peaks
    /// `loadAll` and 5 MiB plus jitter × `jitterKiB` (quiet runs by default: 0.25 % of load-all's
    /// peak, so that "no difference" is a claim the runs can make against a 2 % margin).
    public static func report(loadAllPeakMiB: Int = 100, jitter: [Int] = [0, 2, 1], jitterKiB: Int = 128,
                              allocators: [String] = ["glibc", "jemalloc-preload"]) -> (Report, [RunResult]) {
        var results: [RunResult] = []
        for (index, extra) in jitter.enumerated() {
            for allocator in allocators {
                results.append(run("load-all", allocator, repetition: index + 1, peakMiB: loadAllPeakMiB, releaseMiB: 80,
                                   extraKiB: extra * jitterKiB))
                results.append(run("batched", allocator, repetition: index + 1, peakMiB: 5, releaseMiB: 4, extraKiB: extra * jitterKiB / 16))
            }
        }
        return (build(results, allocators: allocators, runId: "fixture"), results)
    }
}
