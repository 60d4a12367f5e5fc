import XCTest
import Foundation
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Reporting
import TestSupport

/// A whole suite with a scripted executor (no process): the executor chosen once and asked for
/// what differs, the report the suite writes is its folder's report, and resume continues the
/// folder's plan or refuses it in one line.
final class SuiteSessionTests: XCTestCase {
    /// Answers every run from a script and remembers what the session asked of it.
    final class ScriptedSuiteExecutor: SuiteExecutor {
        var skipped: Set<String> = []
        /// Interrupt the suite (as Ctrl-C would) at this run ("variant/allocator/repetition").
        var interruptAt: String?
        private(set) var ran: [String] = []
        private(set) var scratchDirectories: [String] = []
        private(set) var profiled = 0

        func preflight(_ configuration: AllocatorConfiguration) -> AllocatorPreflight {
            let skip = skipped.contains(configuration.name)
            return AllocatorPreflight(configuration: configuration, outcome: skip ? .skipped : .verified, reason: skip ? "scripted skip" : nil,
                                      identity: nil, contendingThreads: 0, arenasUnderContention: nil, proof: skip ? nil : "scripted")
        }

        func prepare(scenario: String, size: Int) -> String? { nil }

        func run(_ entry: RunPlan.Entry, index: Int, folder: String) -> RunResult {
            let key = "\(entry.variant)/\(entry.allocator.name)/\(entry.repetition)"
            ran.append(key)
            if key == interruptAt {
                Interruption.record(SIGINT)
                return .unrun(entry, index: index, status: .failed, reason: RunResult.interruptedReason)
            }
            let peak = (entry.variant == "pitfall" ? 40 + entry.repetition : 5 + entry.repetition) * Fixtures.mib
            let record = WorkerRecord.fixture(scenario: entry.scenario, variant: entry.variant, size: entry.size,
                                              phases: [.fixture("work", peakBytes: peak, endBytes: peak, sampledPeak: false)],
                                              samples: [(0, Fixtures.baselineBytes), (0.1, Fixtures.baselineBytes + peak)])
            return .fixture(entry, index: index, record: record)
        }

        func binaries(for allocators: [AllocatorConfiguration], digestBuiltIn: Bool) -> [WorkerBinaryFacts]? {
            [WorkerBinaryFacts(path: "/scripted/worker", sha256: nil, ownWorker: false)]
        }

        func capEnforcement(capBytes: Int) -> String { " (scripted)" }

        func beginSuite(scratchDirectory: String) { scratchDirectories.append(scratchDirectory) }

        func profileSites(_ plan: RunPlan, measured: [RunResult], folder: RunFolder, profiling: SiteProfiling,
                          progress: ProgressReporter) throws -> [CellSites] {
            profiled += 1
            return []
        }

        func changes(since recorded: [WorkerBinaryFacts]) -> [String] { [] }
    }

    var reports: URL!
    let glibc = AllocatorConfiguration(name: "glibc", summary: "", expectedKind: .glibc)
    let other = AllocatorConfiguration(name: "other", summary: "", environment: ["MALLOC_ARENA_MAX": "2"], expectedKind: .glibc)
    let absent = AllocatorConfiguration(name: "absent", summary: "", expectedKind: .glibc, package: "libabsent")

    override func setUpWithError() throws {
        Interruption.reset()
        reports = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
    }

    override func tearDown() {
        Interruption.reset()
        try? FileManager.default.removeItem(at: reports)
    }

    var scenario: ScenarioDescription {
        ScenarioDescription(
            name: "s", summary: "a pitfall and its fix", sizeUnit: "rows", defaultSize: 10, quickSize: 10, sweepSizes: nil, isHidden: false,
            variants: [ScenarioVariant(name: "pitfall", summary: "", phases: ["work"]), ScenarioVariant(name: "fix", summary: "", phases: ["work"])],
            reportedPhases: ["work"], livePhase: "work", releasePhase: nil, verificationPhases: [],
            comparisons: [VariantComparison(pitfall: "pitfall", fix: "fix")], figures: [], figuresByAllocator: false, parameters: [])
    }

    var plan: SuiteFile {
        SuiteFile(commandLine: "bench run s", selections: [RunPlan.Selection(scenario: "s", variants: ["pitfall", "fix"], sizes: [10])],
                  allocators: [glibc, other, absent], runs: 2, options: WorkerExecutor.Options(cacheDirectory: reports.appendingPathComponent("cache").path),
                  adaptive: AdaptiveRuns(maxRuns: 2, budgetSeconds: 10))
    }

    func session(_ executor: ScriptedSuiteExecutor) -> SuiteSession {
        var session = SuiteSession(plan: plan, executor: executor, reportsDirectory: reports, buildConfiguration: "debug",
                                   progress: ProgressReporter(enabled: false))
        session.scenarios = [scenario]
        return session
    }

    func testTheReportASuiteWritesIsTheReportOfItsFolder() throws {
        let executor = ScriptedSuiteExecutor()
        executor.skipped = ["absent"]
        let outcome = try session(executor).run()
        let folder = RunFolder(outcome.directory)
        XCTAssertEqual(outcome.report.runs.count, 10, "eight runs and one line per skipped cell")
        XCTAssertEqual(outcome.report.plannedRuns, 10)
        XCTAssertFalse(outcome.report.partial)
        let written = try [folder.reportJSON, folder.reportMarkdown, folder.details].map { try Data(contentsOf: $0) }
        let rerendered = try ReportRerender.rerender(folder.path)
        XCTAssertEqual(rerendered.warnings, [])
        XCTAssertEqual(try [folder.reportJSON, folder.reportMarkdown, folder.details].map { try Data(contentsOf: $0) }, written,
                       "bench report of the folder rewrites the same report.json, report.md and details.md")
        XCTAssertEqual(rerendered.report.plannedRuns, outcome.report.plannedRuns)
        XCTAssertEqual(rerendered.report.elapsedSeconds, outcome.report.elapsedSeconds)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: reports.appendingPathComponent(RunFolder.latestLinkName).path),
                       folder.runId)
    }

    func testTheExecutorIsAskedForWhatDiffersOnce() throws {
        let executor = ScriptedSuiteExecutor()
        let outcome = try session(executor).run()
        let folder = RunFolder(outcome.directory)
        XCTAssertEqual(executor.scratchDirectories.count, 1)
        XCTAssertTrue(executor.scratchDirectories.first?.hasSuffix("memorybench-\(folder.runId)-\(getpid())") ?? false,
                      executor.scratchDirectories.first ?? "no scratch folder")
        XCTAssertEqual(try folder.loadEnvironment()?.environment.workers?.map(\.path), ["/scripted/worker"])
        XCTAssertEqual(executor.profiled, 0, "no --sites, no profiling runs")
        XCTAssertEqual(try SuiteFile.load(from: folder).allocators.map(\.name), ["glibc", "other", "absent"])
        XCTAssertEqual(executor.ran.count, 12)
    }

    func testAResumedSuiteRunsOnlyWhatItLacksInTheSameFolder() throws {
        let first = ScriptedSuiteExecutor()
        first.interruptAt = "fix/other/1"
        let stopped = try session(first).run()
        XCTAssertEqual(stopped.interruptedBy, SIGINT)
        XCTAssertEqual(stopped.totalRuns, 4, "the four runs before the interrupted one")
        XCTAssertTrue(stopped.report.partial)
        Interruption.reset()
        let suite = try SuiteSession.resumable(stopped.directory.path, exec: false)
        XCTAssertEqual(suite.scenarios, [scenario])
        let second = ScriptedSuiteExecutor()
        let resumed = try SuiteSession(resuming: suite, executor: second, buildConfiguration: "debug", progress: ProgressReporter(enabled: false)).run()
        XCTAssertEqual(resumed.directory.standardizedFileURL.path, stopped.directory.standardizedFileURL.path)
        XCTAssertEqual(second.ran.first, "fix/other/1", "the interrupted run again, then the rest")
        XCTAssertEqual(second.ran.count, 8)
        XCTAssertEqual(resumed.totalRuns, 12)
        XCTAssertFalse(resumed.report.partial)
    }

    func testResumeRefusesTheOtherKindOfSuiteAndAFolderWithoutScenarios() throws {
        let outcome = try session(ScriptedSuiteExecutor()).run()
        let folder = RunFolder(outcome.directory)
        XCTAssertThrowsError(try SuiteSession.resumable(folder.path, exec: true)) { error in
            XCTAssertEqual("\(error)", "\(folder.path) is a suite of MemoryBench's own scenarios: continue it with bench all --resume \(folder.path)")
        }
        var recorded = try XCTUnwrap(try folder.loadEnvironment())
        recorded.scenarios = nil
        try folder.write(recorded)
        XCTAssertThrowsError(try SuiteSession.resumable(folder.path, exec: false)) { error in
            XCTAssertEqual("\(error)", "cannot resume \(folder.path): its environment.json records no scenarios (the suite was started by an older bench); start a new suite")
        }
        XCTAssertThrowsError(try SuiteSession.resumable(reports.appendingPathComponent("none").path, exec: false)) { error in
            XCTAssertTrue("\(error)".hasSuffix("none: no such folder"), "\(error)")
        }
    }
}
