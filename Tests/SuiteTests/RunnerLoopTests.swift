import Foundation
import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite

/// The runner's loop with a scripted executor: no processes, so every path (interleaving,
/// skipped and failed configurations, crashes, timeouts, OOM, interruption, resume) is pinned
/// exactly and fast. The real workers are exercised in the end-to-end tests.
final class RunnerLoopTests: XCTestCase {
    /// Answers from a script instead of starting processes, and remembers what it was asked.
    final class ScriptedExecutor: RunExecutor {
        var preflightOutcomes: [String: AllocatorPreflight.Outcome] = [:]
        /// Per "variant/allocator/repetition": how that run ends (default: ok).
        var endings: [String: (RunResult.Status, String)] = [:]
        /// Interrupt the suite (as Ctrl-C would) during the run with this key.
        var interruptAt: String?
        var preparationFailure: String?
        private(set) var ran: [String] = []
        private(set) var preflighted: [String] = []
        private(set) var prepared: [String] = []

        func preflight(_ configuration: AllocatorConfiguration) -> AllocatorPreflight {
            preflighted.append(configuration.name)
            let outcome = preflightOutcomes[configuration.name] ?? .verified
            return AllocatorPreflight(configuration: configuration, outcome: outcome,
                                      reason: outcome == .verified ? nil : "scripted \(outcome.rawValue)", identity: nil,
                                      contendingThreads: 0, arenasUnderContention: nil, proof: outcome == .verified ? "scripted" : nil)
        }

        func prepare(scenario: String, size: Int) -> String? {
            prepared.append("\(scenario)/\(size)")
            return preparationFailure
        }

        func run(_ entry: RunPlan.Entry, index: Int, folder: String) -> RunResult {
            let key = "\(entry.variant)/\(entry.allocator.name)/\(entry.repetition)"
            ran.append(key)
            if key == interruptAt {
                Interruption.record(SIGINT)
                return .unrun(entry, index: index, status: .failed, reason: RunResult.interruptedReason)
            }
            let (status, reason) = endings[key] ?? (.ok, "")
            return .unrun(entry, index: index, status: status, reason: status == .ok ? nil : reason)
        }
    }

    var directory: URL!
    let glibc = AllocatorConfiguration(name: "glibc", summary: "", expectedKind: .glibc)
    let other = AllocatorConfiguration(name: "other", summary: "", environment: ["MALLOC_ARENA_MAX": "2"], expectedKind: .glibc)

    override func setUpWithError() throws {
        Interruption.reset()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        Interruption.reset()
        try? FileManager.default.removeItem(at: directory)
    }

    var resultsFile: ResultsFile { ResultsFile(path: directory.appendingPathComponent("results.jsonl").path) }

    func plan(runs: Int = 2) -> RunPlan {
        RunPlan(selections: [RunPlan.Selection(scenario: "s", variants: ["a", "b"], sizes: [10])], allocators: [glibc, other], runs: runs)
    }

    func runner(_ executor: ScriptedExecutor) -> Runner {
        Runner(executor: executor, results: resultsFile, progress: ProgressReporter(enabled: false))
    }

    func testRepetitionsAreInterleavedAndEveryRunIsInTheResultsFile() throws {
        let executor = ScriptedExecutor()
        let measured = try runner(executor).measure(plan(), allocators: [glibc, other])
        XCTAssertEqual(executor.ran, ["a/glibc/1", "a/other/1", "b/glibc/1", "b/other/1",
                                      "a/glibc/2", "a/other/2", "b/glibc/2", "b/other/2"])
        XCTAssertEqual(executor.preflighted, ["glibc", "other"])
        XCTAssertEqual(executor.prepared, ["s/10"])
        let loaded = try resultsFile.load()
        XCTAssertEqual(loaded.results.map(\.key), measured.results.map(\.key))
        XCTAssertEqual(loaded.results.count, 8)
        XCTAssertEqual(loaded.results.map(\.index), Array(0..<8))
    }

    func testASkippedConfigurationIsOneLinePerCellAndNeverRuns() throws {
        let executor = ScriptedExecutor()
        executor.preflightOutcomes["other"] = .skipped
        let measured = try runner(executor).measure(plan(runs: 3), allocators: [glibc, other])
        XCTAssertFalse(executor.ran.contains { $0.contains("/other/") })
        let skipped = measured.results.filter { $0.status == .skipped }
        XCTAssertEqual(skipped.map(\.cell.variant), ["a", "b"], "one skipped result per cell, not per repetition")
        XCTAssertEqual(skipped.first?.reason, "scripted skipped")
        XCTAssertEqual(measured.results.filter { $0.status == .ok }.count, 6)
    }

    func testAFailedPreflightFailsEveryRunOfItsConfiguration() throws {
        let executor = ScriptedExecutor()
        executor.preflightOutcomes["other"] = .failed
        let measured = try runner(executor).measure(plan(), allocators: [glibc, other])
        let failed = measured.results.filter { $0.allocator == "other" }
        XCTAssertEqual(failed.count, 4)
        XCTAssertTrue(failed.allSatisfy { $0.status == .failed && $0.reason == "scripted failed" })
        XCTAssertEqual(executor.ran.count, 4, "only glibc's runs start")
    }

    func testCrashesTimeoutsAndOOMAreRecordedAndTheSuiteGoesOn() throws {
        let executor = ScriptedExecutor()
        executor.endings = ["a/glibc/1": (.failed, "the worker was killed by signal 11"),
                            "b/other/1": (.timeout, "timed out after 2 s"),
                            "a/other/2": (.oom, "OOM at the cap (64 MiB)")]
        let measured = try runner(executor).measure(plan(), allocators: [glibc, other])
        XCTAssertEqual(measured.results.count, 8, "every planned run has a result")
        let byKey = Dictionary(uniqueKeysWithValues: measured.results.map { ("\($0.variant)/\($0.allocator)/\($0.repetition)", $0) })
        XCTAssertEqual(byKey["a/glibc/1"]?.status, .failed)
        XCTAssertEqual(byKey["b/other/1"]?.status, .timeout)
        XCTAssertEqual(byKey["a/other/2"]?.status, .oom)
        XCTAssertEqual(byKey["b/glibc/2"]?.status, .ok)
        XCTAssertEqual(try resultsFile.load().results.count, 8)
    }

    func testAFailedPreparationFailsItsRunsWithTheReason() throws {
        let executor = ScriptedExecutor()
        executor.preparationFailure = "disk full"
        let measured = try runner(executor).measure(plan(), allocators: [glibc])
        XCTAssertTrue(executor.ran.isEmpty)
        XCTAssertTrue(measured.results.allSatisfy { $0.status == .failed && $0.reason == "preparing the input failed: disk full" })
    }

    func testAnInterruptionStopsTheLoopKeepsFinishedRunsAndResumeRunsOnlyTheRest() throws {
        let executor = ScriptedExecutor()
        executor.interruptAt = "b/glibc/1"
        let first = runner(executor)
        let measured = try first.measure(plan(), allocators: [glibc, other])
        XCTAssertEqual(first.interruption, SIGINT)
        XCTAssertEqual(measured.results.map { "\($0.variant)/\($0.allocator)/\($0.repetition)" }, ["a/glibc/1", "a/other/1"],
                       "the interrupted run is not recorded")
        XCTAssertEqual(try resultsFile.load().results.count, 2)

        // Resume: a new runner that knows what results.jsonl holds runs exactly the rest.
        Interruption.reset()
        let resumed = ScriptedExecutor()
        let second = runner(resumed)
        second.alreadyMeasured = Set(try resultsFile.load().results.map(\.key))
        let rest = try second.measure(plan(), allocators: [glibc, other])
        XCTAssertNil(second.interruption)
        XCTAssertEqual(resumed.ran, ["b/glibc/1", "b/other/1", "a/glibc/2", "a/other/2", "b/glibc/2", "b/other/2"])
        XCTAssertEqual(rest.results.count, 6)
        let all = try resultsFile.load().results
        XCTAssertEqual(Set(all.map(\.key)), Set(plan().entries.map(\.key)), "after resume every planned run is recorded once")
        XCTAssertEqual(all.count, 8)
    }

    func testMeasuringAgainRunsOnlyNewEntriesAndAsksNoPreflightTwice() throws {
        // Adaptive repetitions extend a plan: the runner must not rerun or re-prove anything.
        let executor = ScriptedExecutor()
        let runner = runner(executor)
        _ = try runner.measure(plan(runs: 2), allocators: [glibc, other])
        let more = try runner.measure(plan(runs: 3), allocators: [glibc, other])
        XCTAssertEqual(more.results.map(\.repetition), [3, 3, 3, 3])
        XCTAssertEqual(executor.preflighted, ["glibc", "other"])
        XCTAssertEqual(executor.prepared, ["s/10"])
        XCTAssertEqual(try resultsFile.load().results.count, 12)
    }
}
