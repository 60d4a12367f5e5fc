import Foundation
import XCTest
import MemoryProbe
import Statistics
import TestSupport
@testable import BenchModel
@testable import Suite
@testable import Reporting

/// Adaptive repetitions with a scripted executor and scripted verdicts: undecided cells (and
/// only they) run again, round by round, until the verdicts decide, --max-runs, or the budget.
final class AdaptiveRunsTests: XCTestCase {
    let glibc = AllocatorConfiguration(name: "glibc", summary: "", expectedKind: .glibc)
    let other = AllocatorConfiguration(name: "other", summary: "", environment: ["MALLOC_ARENA_MAX": "2"], expectedKind: .glibc)
    var directory: URL!

    override func setUpWithError() throws {
        Interruption.reset()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-adaptive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    var plan: RunPlan {
        RunPlan(selections: [RunPlan.Selection(scenario: "s", variants: ["a", "b"], sizes: [10])], allocators: [glibc, other], runs: 3)
    }

    /// A report whose only comparison, a × glibc against a × other, has the given verdict.
    func report(_ kind: String, more: Int?) throws -> Report {
        var (report, _) = ReportFixtures.report()
        let verdict = try JSONDecoder().decode(Verdict.self, from: Data("""
            {"kind": "\(kind)", "effect": 1, "floor": 1, "margin": 1, "p": 0.01, "adjustedP": 0.2, "referenceRuns": 3, "candidateRuns": 3,
             "referenceMedian": 10, "candidateMedian": 11, "method": "scripted"\(more.map { ", \"additionalRunsPerSide\": \($0)" } ?? "")}
            """.utf8))
        report.comparisons = [Comparison(kind: .allocator, scenario: "s", size: 10, referenceVariant: "a", referenceConfiguration: "glibc",
                                         candidateVariant: "a", candidateConfiguration: "other", metric: .peak, phase: nil, verdict: verdict)]
        return report
    }

    func measureWithRounds(_ adaptive: AdaptiveRuns, judge: @escaping (Int) throws -> Report) throws -> (RunnerLoopTests.ScriptedExecutor, [RunResult]) {
        let executor = RunnerLoopTests.ScriptedExecutor()
        let runner = Runner(executor: executor, results: ResultsFile(path: directory.appendingPathComponent("results.jsonl").path),
                            progress: ProgressReporter(enabled: false))
        var results = try runner.measure(plan, allocators: [glibc, other]).results
        var calls = 0
        try adaptive.run(plan: plan, runner: runner, allocators: [glibc, other], results: &results, progress: ProgressReporter(enabled: false),
                         elapsedBefore: 0, start: Date()) { _ in
            calls += 1
            return (try? judge(calls)) ?? ReportFixtures.report().0
        }
        return (executor, results)
    }

    func testUndecidedCellsRunAgainUpToMaxRunsAndNoOtherCellDoes() throws {
        let (executor, results) = try measureWithRounds(AdaptiveRuns(maxRuns: 5, budgetSeconds: 3600)) { _ in try self.report("undecided", more: 2) }
        XCTAssertEqual(results.count, 12 + 2 * 2, "two more rounds of the two cells of the undecided comparison")
        XCTAssertEqual(Array(executor.ran.suffix(4)), ["a/glibc/4", "a/other/4", "a/glibc/5", "a/other/5"])
        XCTAssertFalse(executor.ran.contains { $0.hasPrefix("b/") && $0.hasSuffix("/4") }, "decided cells are not run again")
        XCTAssertEqual(try ResultsFile(path: directory.appendingPathComponent("results.jsonl").path).load().results.count, 16)
    }

    func testRoundsStopOnceTheComparisonIsDecided() throws {
        let (executor, results) = try measureWithRounds(AdaptiveRuns(maxRuns: 8, budgetSeconds: 3600)) { round in
            try self.report(round == 1 ? "undecided" : "beyondNoise", more: round == 1 ? 1 : nil)
        }
        XCTAssertEqual(results.count, 14)
        XCTAssertEqual(executor.ran.last, "a/other/4")
    }

    func testNoRoundWhenMoreRunsWouldNotDecideOrTheBudgetIsSpent() throws {
        let hopeless = try measureWithRounds(AdaptiveRuns(maxRuns: 8, budgetSeconds: 3600)) { _ in try self.report("undecided", more: nil) }
        XCTAssertEqual(hopeless.1.count, 12, "undecided without an estimate of the runs that would decide: no round")
        let spent = try measureWithRounds(AdaptiveRuns(maxRuns: 8, budgetSeconds: 0)) { _ in try self.report("undecided", more: 2) }
        XCTAssertEqual(spent.1.count, 12, "a round that would pass the budget does not start")
        let minimum = try measureWithRounds(AdaptiveRuns(maxRuns: 3, budgetSeconds: 3600)) { _ in try self.report("undecided", more: 2) }
        XCTAssertEqual(minimum.1.count, 12, "--max-runs equal to --runs: no extra runs")
    }
}
