import Foundation
import XCTest
@testable import Statistics

/// The method checked on the reference suite's real runs (Fixtures/reference-runs.json, made by
/// scripts/extract-run-metrics.py from Reports/reference/results.jsonl).
final class ReferenceDataTests: XCTestCase {
    struct Run: Decodable {
        var scenario: String
        var variant: String
        var allocator: String
        var size: Int
        var peak: Double
        var release: Double
    }

    static let reference = "glibc"
    static let mib = 1_048_576.0
    /// Variants in which several threads allocate; everywhere else arena limits cannot matter.
    static let multiThreadedVariants: Set<String> = ["threaded", "threaded-long-settle"]

    static func loadRuns() throws -> [Run] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference-runs.json")
        return try JSONDecoder().decode([Run].self, from: Data(contentsOf: url))
    }

    /// One WorkloadCells per scenario + variant + size + metric that has glibc runs, with every
    /// other configuration as a candidate, in a stable order.
    static func workloads(_ runs: [Run]) -> [(cells: WorkloadCells, singleThreaded: Bool, glibcFamily: [Double])] {
        var result: [(WorkloadCells, Bool, [Double])] = []
        let keys = Set(runs.map { "\($0.scenario)|\($0.variant)|\($0.size)" }).sorted()
        for key in keys {
            let cellRuns = runs.filter { "\($0.scenario)|\($0.variant)|\($0.size)" == key }
            guard let first = cellRuns.first else { continue }
            for (metric, value) in [("peak", \Run.peak), ("release", \Run.release)] {
                let allocators = Set(cellRuns.map(\.allocator)).sorted()
                guard allocators.contains(reference) else { continue }
                func values(_ allocator: String) -> [Double] {
                    cellRuns.filter { $0.allocator == allocator }.map { $0[keyPath: value] }
                }
                let singleThreaded = !multiThreadedVariants.contains(first.variant)
                let family = allocators.filter { $0.hasPrefix("glibc") }.flatMap(values)
                result.append((
                    WorkloadCells(
                        workload: "\(key)|\(metric)",
                        scope: "\(first.scenario)|\(first.variant)|\(metric)",
                        reference: NamedRuns(name: reference, runs: values(reference)),
                        candidates: allocators.filter { $0 != reference }.map { NamedRuns(name: $0, runs: values($0)) }),
                    singleThreaded, family))
            }
        }
        return result
    }

    /// (1) The A/A false-suite rate: the twin is resampled from glibc's own three runs (the
    /// harshest source: three draws from three values often coincide) in every workload.
    func testTwinOfGlibcIsRarelyCalledDifferent() throws {
        let workloads = Self.workloads(try Self.loadRuns())
        let simulation = TwinSimulation(workloads: workloads.map { TwinSimulation.Workload(cells: $0.cells) })
        let result = simulation.run(suites: 2000, seed: 11)
        print("A/A (twin from glibc's own runs): \(result.suitesWithFalseFinding)/\(result.suites) suites with a false finding,",
              "\(result.comparisonsPerSuite) comparisons per suite (\(result.twinComparisonsPerSuite) about the twin)")
        XCTAssertGreaterThanOrEqual(result.twinComparisonsPerSuite, 80)
        XCTAssertLessThanOrEqual(result.falseSuiteRate, 0.05, "\(result.falseFindingsByWorkload)")
    }

    /// (1b) The same with the twin drawn from every glibc-family run where arenas cannot matter.
    func testTwinDrawnFromAlikeConfigurationsIsRarelyCalledDifferent() throws {
        let workloads = Self.workloads(try Self.loadRuns())
        let simulation = TwinSimulation(workloads: workloads.map {
            TwinSimulation.Workload(cells: $0.cells, twinSource: $0.singleThreaded ? $0.glibcFamily : nil)
        })
        let result = simulation.run(suites: 1000, seed: 12)
        print("A/A (twin from alike configurations): \(result.suitesWithFalseFinding)/\(result.suites) suites with a false finding")
        XCTAssertLessThanOrEqual(result.falseSuiteRate, 0.05, "\(result.falseFindingsByWorkload)")
    }

    /// (2) Arena limits where one thread allocates are real A/A pairs: no finding in the real data.
    func testArenaLimitsInSingleThreadedVariantsAreNeverBeyondNoise() throws {
        let workloads = Self.workloads(try Self.loadRuns())
        let judged = SuiteJudgement.judge(workloads.map(\.cells))
        let singleThreaded = Set(workloads.filter(\.singleThreaded).map(\.cells.workload))
        let arenaFindings = judged.filter {
            singleThreaded.contains($0.workload) && $0.candidate.hasPrefix("glibc-arenas-") && $0.verdict.kind == .beyondNoise
        }
        XCTAssertEqual(arenaFindings.map { "\($0.workload) \($0.candidate)" }, [])
        XCTAssertGreaterThanOrEqual(judged.filter { singleThreaded.contains($0.workload) && $0.candidate.hasPrefix("glibc-arenas-") }.count, 100)
    }

    /// (3) The large effects of issue 11 stay beyond noise with 3 runs per side.
    func testLargeEffectsAreBeyondNoise() throws {
        let runs = try Self.loadRuns()
        let workloads = Self.workloads(runs)
        // Allocator comparisons, judged together as a report would.
        let judged = SuiteJudgement.judge(workloads.map(\.cells))
        func kind(_ workload: String, _ candidate: String) -> Verdict.Kind? {
            let found = judged.first { $0.workload == workload && $0.candidate == candidate }
            if let v = found?.verdict, v.kind != .beyondNoise {
                print("\(workload) \(candidate): effect \(v.effect / Self.mib) MiB, floor \(v.floor / Self.mib) MiB, p \(v.p), adjusted \(v.adjustedP)")
            }
            return found?.verdict.kind
        }
        for candidate in ["jemalloc-preload", "jemalloc-linked", "glibc-arenas-1"] {
            XCTAssertEqual(kind("threaded-churn|threaded|240|release", candidate), .beyondNoise, candidate)
        }
        // −15 MiB of 69 with glibc-arenas-1's own σ of 2 MiB: 3 runs leave it undecided after Holm
        // (p 0.0008 over ~180 comparisons); it must at least never be called within noise.
        XCTAssertNotEqual(kind("threaded-churn|threaded|240|peak", "glibc-arenas-1"), .withinNoise)
        XCTAssertEqual(kind("threaded-churn|threaded|240|peak", "jemalloc-linked"), .beyondNoise)
        XCTAssertEqual(kind("caches|unbounded|100000|release", "jemalloc-linked"), .beyondNoise)
        XCTAssertEqual(kind("string-building|concat|50000|release", "jemalloc-preload"), .beyondNoise)

        // Variant comparisons under glibc (fix vs pitfall), each one its own workload pair.
        func values(_ scenario: String, _ variant: String, _ size: Int, _ metric: KeyPath<Run, Double>) -> [Double] {
            runs.filter { $0.scenario == scenario && $0.variant == variant && $0.size == size && $0.allocator == Self.reference }
                .map { $0[keyPath: metric] }
        }
        let noise = SuiteJudgement.noise(for: workloads.map(\.cells))
        let pairs: [(String, String, String, Int, KeyPath<Run, Double>, String)] = [
            ("load-all-vs-batched", "load-all", "cursor", 100000, \.peak, "peak"),      // 35.5 vs 4.6 MiB
            ("load-all-vs-batched", "load-all", "batched", 100000, \.peak, "peak"),
            ("string-building", "concat", "stream", 50000, \.peak, "peak"),              // 13.4 vs 0.2 MiB
            ("caches", "unbounded", "lru-small", 100000, \.peak, "peak"),                // 40.7 vs 1.3 MiB
            ("threaded-churn", "threaded", "single-thread", 240, \.peak, "peak"),         // 69 vs 16 MiB
        ]
        var tests: [DifferenceTest] = []
        for (scenario, pitfall, fix, size, metric, name) in pairs {
            let a = noise["\(scenario)|\(pitfall)|\(size)|\(name)"] ?? .unknown
            let b = noise["\(scenario)|\(fix)|\(size)|\(name)"] ?? .unknown
            // Two workloads: the noisier one's estimate stands for both.
            tests.append(DifferenceTest(
                reference: values(scenario, pitfall, size, metric), candidate: values(scenario, fix, size, metric),
                noise: a.atLeast(b)))
        }
        // Adjust as if these five shared a report with every allocator comparison.
        let total = judged.count + tests.count
        for (test, pair) in zip(tests, pairs) {
            let v = Verdict(test: test, adjustedP: min(1, test.p * Double(total)), comparisons: total)
            XCTAssertEqual(v.kind, .beyondNoise, "\(pair.0) \(pair.1) vs \(pair.2): effect \(v.effect / Self.mib) MiB, floor \(v.floor / Self.mib) MiB, p \(v.p)")
        }
    }

    /// (4) Issue 23's honest equivalence on the real runs: no "within noise" whose smallest
    /// detectable effect exceeds its margin, and the rule can still say "no difference" where the
    /// runs are quiet (one-thread arena limits: most of them within noise).
    func testWithinNoiseOnlyWhereTheMarginCouldHaveBeenSeen() throws {
        let workloads = Self.workloads(try Self.loadRuns())
        let judged = SuiteJudgement.judge(workloads.map(\.cells))
        let within = judged.filter { $0.verdict.kind == .withinNoise }
        XCTAssertEqual(within.filter { ($0.verdict.smallestDetectableEffect ?? .infinity) > $0.verdict.margin }.map { "\($0.workload) \($0.candidate)" }, [])
        let singleThreaded = Set(workloads.filter(\.singleThreaded).map(\.cells.workload))
        let arenaPeaks = judged.filter { singleThreaded.contains($0.workload) && $0.workload.hasSuffix("|peak") && $0.candidate.hasPrefix("glibc-arenas-") }
        let quiet = arenaPeaks.filter { $0.verdict.kind == .withinNoise }
        print("one-thread arena-limit peaks: \(quiet.count) of \(arenaPeaks.count) within noise; all comparisons: \(within.count) of \(judged.count) within noise")
        XCTAssertGreaterThanOrEqual(arenaPeaks.count, 40)
        // Where the figure is large and the runs quiet (tens of MiB, σ well under 1 %), every arena
        // limit is shown within the 2 % margin; small figures with 1 % noise stay undecided (their
        // 5σ floor is wider than the margin), and that is the honest answer.
        for workload in ["load-all-vs-batched|load-all|100000|peak", "caches|unbounded|100000|peak", "string-building|concat|50000|peak"] {
            let mine = arenaPeaks.filter { $0.workload == workload }
            XCTAssertEqual(mine.count, 4, workload)
            XCTAssertEqual(mine.filter { $0.verdict.kind == .withinNoise }.count, 4, workload)
        }
        XCTAssertGreaterThanOrEqual(quiet.count, 12)
    }
}
