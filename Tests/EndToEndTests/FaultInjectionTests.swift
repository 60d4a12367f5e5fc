import XCTest
import Scenarios
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Doctor
@testable import Reporting
import TestSupport

/// Real workers through every injected fault: the suite completes, each failure is recorded as
/// what it was (with signal, exit code, phase and stderr), and the good runs are intact.
final class FaultInjectionTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    func executor(_ directory: URL, cap: Int, timeout: Double) -> WorkerExecutor {
        var options = WorkerExecutor.Options(cacheDirectory: directory.appendingPathComponent("cache").path)
        options.memoryCapBytes = cap
        options.timeoutSeconds = timeout
        options.parameters = [:]
        return WorkerTestSupport.executor(directory, options: options)
    }

    func testEveryFaultIsRecordedAndTheSuiteCompletesWithGoodRunsIntact() throws {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let glibc = try WorkerTestSupport.configuration("glibc")
        let cap = 128 << 20
        // `good` holds 24 MiB (well under the cap); `oom` would grow to 1 GiB if nothing stopped it.
        let variants = ["good", "crash", "abort", "error", "oom", "hang", "garbage-output"]
        let plan = RunPlan(selections: [RunPlan.Selection(scenario: "fault", variants: variants, sizes: [24]),
                                        RunPlan.Selection(scenario: "fault", variants: ["oom"], sizes: [1024])],
                           allocators: [glibc], runs: 1)
        let start = Date()
        let results = try WorkerTestSupport.runner(directory, executor: executor(directory, cap: cap, timeout: 2)).measure(plan, allocators: [glibc]).results
        XCTAssertLessThan(Date().timeIntervalSince(start), 60, "the hang is cut at the 2 s timeout")
        XCTAssertEqual(results.count, 8, "every planned run has a result")
        func result(_ variant: String, size: Int = 24) throws -> RunResult {
            try XCTUnwrap(results.first { $0.variant == variant && $0.size == size })
        }

        let good = try result("good")
        XCTAssertEqual(good.status, .ok, good.reason ?? "")
        XCTAssertEqual(good.record?.checks["touchedBytes"], 24 << 20)
        let goodPeak = try XCTUnwrap(good.record.map { $0.peakBytes - $0.baselineBytes })
        XCTAssertGreaterThan(goodPeak, 22 << 20, "the good run's 24 MiB is measured")
        XCTAssertEqual(good.limits?.memoryCapBytes, cap)

        let crash = try result("crash")
        XCTAssertEqual(crash.status, .failed)
        XCTAssertEqual(crash.fault?.kind, .signal)
        XCTAssertEqual(crash.fault?.signal, SIGSEGV)
        XCTAssertEqual(crash.fault?.phase, "work")
        XCTAssertTrue(crash.reason?.contains("signal 11") ?? false, crash.reason ?? "")
        XCTAssertTrue(crash.reason?.contains("in phase `work`") ?? false, crash.reason ?? "")

        let abort = try result("abort")
        XCTAssertEqual(abort.status, .failed)
        XCTAssertEqual(abort.fault?.signal, SIGABRT)

        let error = try result("error")
        XCTAssertEqual(error.status, .failed)
        XCTAssertEqual(error.fault?.kind, .exitStatus)
        XCTAssertEqual(error.fault?.exitCode, 1)
        XCTAssertTrue(error.reason?.contains("injected failure in phase work") ?? false, error.reason ?? "")
        XCTAssertTrue(error.stderrTail?.contains("injected failure") ?? false)
        XCTAssertFalse(error.stderrTail?.contains("phase work begins") ?? true, "announcements are not part of the tail")

        let oom = try result("oom", size: 1024)
        XCTAssertEqual(oom.status, .oom, oom.reason ?? "")
        XCTAssertEqual(oom.fault?.kind, .memoryCap)
        XCTAssertEqual(oom.fault?.enforcedBy, "rss-watch")
        XCTAssertEqual(oom.fault?.phase, "grow")
        XCTAssertEqual(oom.fault?.insidePhase, true)
        let last = try XCTUnwrap(oom.fault?.lastRssBytes)
        XCTAssertGreaterThan(last, cap, "killed past the cap, not before")
        XCTAssertLessThan(last, cap + (512 << 20), "and well before the 1 GiB it would have reached")
        XCTAssertTrue(oom.reason?.hasPrefix("OOM at the cap (128 MiB) in phase `grow`: last RSS sample") ?? false, oom.reason ?? "")
        // The small oom run stays under the cap: it is a good run.
        XCTAssertEqual(try result("oom").status, .ok)

        let hang = try result("hang")
        XCTAssertEqual(hang.status, .timeout)
        XCTAssertEqual(hang.fault?.phase, "work")
        XCTAssertTrue(hang.reason?.hasPrefix("timed out after 2 s in phase `work`") ?? false, hang.reason ?? "")

        let garbage = try result("garbage-output")
        XCTAssertEqual(garbage.status, .failed)
        XCTAssertEqual(garbage.fault?.kind, .malformedResult)
        XCTAssertTrue(garbage.reason?.contains("this is not a record") ?? false, garbage.reason ?? "")

        // results.jsonl holds every run, and the report lists the failures first.
        let loaded = try ResultsFile(path: directory.appendingPathComponent("results.jsonl").path).load()
        XCTAssertEqual(loaded.results.count, 8)
        XCTAssertEqual(loaded.warnings, [])
        let report = ReportBuilder.build(runId: "faults", results: loaded.results, plannedRuns: 8, elapsedSeconds: nil,
                                         environment: .collect(commandLine: "test", buildConfiguration: "debug", allocators: []),
                                         allocatorOrder: ["glibc"], scenarios: ScenarioCatalog.description.scenarios)
        let failing = ["crash", "abort", "error", "oom", "hang", "garbage-output"]
        let leading = report.findings.prefix(failing.count)
        XCTAssertTrue(leading.allSatisfy { $0.beyondNoise }, "\(leading.map(\.text))")
        for variant in failing {
            XCTAssertTrue(leading.contains { $0.text.hasPrefix("fault \(variant) × glibc") }, "no leading finding for \(variant): \(leading.map(\.text))")
        }
        XCTAssertTrue(leading.first?.text.contains("OOM at the cap (128 MiB)") ?? false, "OOM comes first: \(leading.map(\.text))")
        XCTAssertEqual(report.cell("fault", "oom", "glibc", 1024)?.status, .oom)
        XCTAssertEqual(report.cell("fault", "hang", "glibc", 24)?.status, .timeout)
        XCTAssertEqual(report.cell("fault", "good", "glibc", 24)?.status, .ok)
        let markdown = MarkdownReport.render(report)
        let failedSection = try XCTUnwrap(markdown.range(of: "## Failed and skipped runs"))
        XCTAssertLessThan(failedSection.lowerBound, try XCTUnwrap(markdown.range(of: "## Findings")).lowerBound)
        XCTAssertTrue(markdown.contains("| fault | oom | glibc | 1,024 | 1 OOM | OOM at the cap (128 MiB) in phase `grow`"), markdown)
        XCTAssertTrue(markdown.contains("| fault | hang | glibc | 24 | 1 timed out |"), markdown)
        XCTAssertTrue(markdown.contains("killed by signal 11 (Segmentation fault) in phase `work`"), markdown)
        XCTAssertTrue(markdown.contains("Each run was capped at 128 MiB of RSS"), markdown)
    }

    func testTheKernelDataLimitStopsARunTheWatchDoesNotSee() throws {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        var runner = executor(directory, cap: 96 << 20, timeout: 30)
        runner.watchesRss = false
        let entry = RunPlan.Entry(scenario: "fault", variant: "oom", allocator: try WorkerTestSupport.configuration("glibc"),
                                  size: 4096, repetition: 1)
        let result = runner.run(entry, index: 0, folder: directory.path)
        // The data limit is 2 × 96 MiB + 1 GiB: the worker's allocation fails there, far below 4 GiB.
        XCTAssertEqual(result.status, .oom, result.reason ?? "")
        XCTAssertEqual(result.fault?.enforcedBy, "data-limit")
        XCTAssertTrue(result.reason?.contains("the kernel's data limit (1.2 GiB) refused an allocation") ?? false, result.reason ?? "")
        XCTAssertLessThan(try XCTUnwrap(result.fault?.maxSampledRssBytes), 1_400 << 20)
        XCTAssertNil(result.process?.maxRSSBytes, "a worker's wait4 figure is bench's high-water mark, not the worker's: not recorded")
    }

    func testJemallocRunsUnderTheDataLimitOfATightCap() throws {
        // jemalloc maps more than it keeps resident (VmData was 1.4 × RSS for load-all here):
        // the data limit must leave it room to run a workload that fits the cap.
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let runner = executor(directory, cap: 160 << 20, timeout: 60)
        for name in ["jemalloc-preload", "jemalloc-linked"] {
            let entry = RunPlan.Entry(scenario: "fault", variant: "good", allocator: try WorkerTestSupport.configuration(name),
                                      size: 96, repetition: 1)
            let result = runner.run(entry, index: 0, folder: directory.path)
            XCTAssertEqual(result.status, .ok, "\(name): \(result.reason ?? "")")
            XCTAssertEqual(result.verified?.kind, .jemalloc)
        }
    }

    func testARefusedPeakResetFallsBackToSampledPeaksAndTheReportSaysSo() throws {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let outcome = try ChildProcess(
            executable: "\(WorkerTestSupport.workers.directory)/bench-worker",
            arguments: ["run", "--scenario", "fault", "--variant", "good", "--size", "32", "--cache", directory.path,
                        "--scratch", directory.path, "--result-fd", "3", "--clear-refs", "/nonexistent/clear_refs"],
            environment: ["PATH": "/usr/bin:/bin"], timeoutSeconds: 30).run()
        XCTAssertEqual(outcome.termination, .exited(0), outcome.stderrTail())
        let record = try JSONDecoder().decode(WorkerRecord.self, from: outcome.result)
        XCTAssertEqual(record.peakMethod, .sampled)
        XCTAssertTrue(record.peakMethodNote?.contains("cannot open /nonexistent/clear_refs") ?? false, record.peakMethodNote ?? "")
        XCTAssertGreaterThan(try XCTUnwrap(record.phase("work")).peakBytes - record.baselineBytes, 24 << 20,
                             "the sampler still sees the 32 MiB")
        var run = RunResult.fixture(scenario: "fault", variant: "good", allocator: "glibc", size: 32, record: record)
        run.configuration = try WorkerTestSupport.configuration("glibc")
        let report = ReportBuilder.build(runId: "sampled", results: [run], plannedRuns: 1, elapsedSeconds: nil,
                                         environment: .collect(commandLine: "test", buildConfiguration: "debug", allocators: []),
                                         allocatorOrder: ["glibc"], scenarios: ScenarioCatalog.description.scenarios)
        let markdown = MarkdownReport.render(report)
        XCTAssertTrue(markdown.contains("**Peaks are sampled, not exact, in 1 of 1 runs:**"), markdown)
        XCTAssertTrue(markdown.contains("*(sampled)*"), markdown)
    }
}
