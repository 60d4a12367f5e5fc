import XCTest
import Scenarios
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Doctor
@testable import Reporting

/// `bench exec` end to end: real foreign commands (python3, sh), GNU time as the reference for
/// the peak, the Python export example under glibc and jemalloc, and bad commands.
final class ExecTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    /// Debian's python3 (with sqlite3), installed by scripts/install-deps.sh.
    func python() throws -> String {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        XCTFail("python3 is missing: run scripts/install-deps.sh")
        throw XCTSkip("no python3")
    }

    var launcher: String { "\(WorkerTestSupport.workers.directory)/bench-exec-launcher" }

    func executor(_ command: [String], timeout: Double = 120, launcher: Bool = true) -> CommandExecutor {
        var options = CommandExecutor.Options(command: command, callerEnvironment: ProcessInfo.processInfo.environment)
        options.intervalMs = 2
        options.timeoutSeconds = timeout
        options.launcher = launcher ? self.launcher : nil
        return CommandExecutor(options: options)
    }

    func entry(_ variant: String = "command", allocator: String = "glibc") throws -> RunPlan.Entry {
        RunPlan.Entry(scenario: "exec-test", variant: variant, allocator: try WorkerTestSupport.configuration(allocator),
                      size: 0, repetition: 1)
    }

    func testPeakAgreesWithGNUTimeWithinOnePercent() throws {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else {
            XCTFail("GNU time is missing: run scripts/install-deps.sh")
            return
        }
        let python = try python()
        // 150 MiB, every page touched: a known peak well above any process's floor.
        let program = "b = bytearray(150 << 20)\nb[::4096] = b'x' * len(b[::4096])"
        let gnu = Process()
        gnu.executableURL = URL(fileURLWithPath: time)
        gnu.arguments = ["-v", python, "-c", program]
        let errors = Pipe()
        gnu.standardError = errors
        gnu.standardOutput = FileHandle.nullDevice
        try gnu.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        gnu.waitUntilExit()
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.contains("Maximum resident set size") }, text)
        let reference = try XCTUnwrap(Int(line.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))) * 1024

        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let result = executor([python, "-c", program]).run(try entry(), index: 0, folder: directory.path)
        XCTAssertEqual(result.status, .ok, result.reason ?? "")
        let wait4 = try XCTUnwrap(result.process?.maxRSSBytes)
        let peak = try XCTUnwrap(result.record?.peakBytes)
        XCTAssertGreaterThan(reference, 150 << 20)
        XCTAssertEqual(Double(wait4), Double(reference), accuracy: Double(reference) * 0.01, "wait4 peak vs GNU time")
        XCTAssertEqual(Double(peak), Double(reference), accuracy: Double(reference) * 0.01, "the run's peak vs GNU time")
        XCTAssertEqual(result.record?.phases.map(\.name), ["run"], "no markers: one phase")
        XCTAssertGreaterThan(result.exec?.samples ?? 0, 3)
        XCTAssertEqual(result.exec?.exitCode, 0)
        XCTAssertEqual(result.environment["MEMORYBENCH_PHASE_FD"], "3")
        XCTAssertNil(result.environment["LD_PRELOAD"])
    }

    func testWithoutTheLauncherBenchsOwnHighWaterMarkIsNotTakenForTheCommands() throws {
        // posix_spawn's child counts bench's high-water mark into its ru_maxrss; a 1 MiB
        // command must not be reported at bench's size.
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let result = executor(["/bin/sh", "-c", "sleep 0.2"], launcher: false).run(try entry(), index: 0, folder: directory.path)
        XCTAssertEqual(result.status, .ok, result.reason ?? "")
        let own = try XCTUnwrap(readWholeFile("/proc/self/status").flatMap(ProcStatus.parse)?.hwmBytes)
        XCTAssertLessThan(try XCTUnwrap(result.process?.maxRSSBytes), min(own, 10 << 20), result.exec?.note ?? "")
        XCTAssertTrue(result.exec?.note?.contains("high-water mark") ?? false, result.exec?.note ?? "no note")
    }

    /// A memory cgroup of its own below this process's (v1 or v2; needs root), removed at the end.
    func memoryLimitedCgroup(limitBytes: Int) throws -> String {
        let lines = (readWholeFile("/proc/self/cgroup") ?? "").split(separator: "\n")
        let name = "memorybench-test-\(UUID().uuidString)"
        var candidates: [(directory: String, limitFile: String)] = []
        for line in lines {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = parts[2] == "/" ? "" : String(parts[2])
            if parts[1].split(separator: ",").contains("memory") {
                candidates.append(("/sys/fs/cgroup/memory\(path)/\(name)", "memory.limit_in_bytes"))
            } else if parts[0] == "0" {
                candidates.append(("/sys/fs/cgroup\(path)/\(name)", "memory.max"))
            }
        }
        for (directory, limitFile) in candidates where mkdir(directory, 0o755) == 0 {
            addTeardownBlock { rmdir(directory) }
            if (try? "\(limitBytes)".write(toFile: "\(directory)/\(limitFile)", atomically: false, encoding: .utf8)) != nil {
                return directory
            }
        }
        throw XCTSkip("no memory cgroup can be made here (needs root and a writable cgroup hierarchy)")
    }

    func testAnOOMKillIsNamedAsSuchAndWhatWasMeasuredIsKept() throws {
        let python = try python()
        let cgroup = try memoryLimitedCgroup(limitBytes: 64 << 20)
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        // The command moves itself into the 64 MiB cgroup, then allocates 300 MiB.
        let script = "echo $$ > \(cgroup)/cgroup.procs && sleep 0.1 && exec \(python) -c 'b = bytearray(300 << 20)'"
        let result = executor(["/bin/sh", "-c", script]).run(try entry(), index: 0, folder: directory.path)
        XCTAssertEqual(result.status, .oom)
        XCTAssertTrue(result.reason?.hasPrefix("the command was killed by the kernel's OOM killer") ?? false, result.reason ?? "")
        XCTAssertEqual(result.exec?.signal, SIGKILL)
        XCTAssertNotNil(result.record, "what was measured before the kill is kept")
        XCTAssertGreaterThan(result.exec?.samples ?? 0, 5)
    }

    func testDescendantsAreSampledAsATreeAndTheLargestProcessIsNamed() throws {
        let python = try python()
        let child = "\(python) -c 'import time; b = bytearray(60 << 20); time.sleep(0.6)'"
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let result = executor(["/bin/sh", "-c", "\(child) & \(child) & wait"]).run(try entry(), index: 0, folder: directory.path)
        XCTAssertEqual(result.status, .ok, result.reason ?? "")
        let exec = try XCTUnwrap(result.exec)
        XCTAssertGreaterThanOrEqual(exec.processesSeen, 3, "sh and two pythons")
        XCTAssertGreaterThan(try XCTUnwrap(exec.treePeakBytes), 120 << 20, "two 60 MiB children at once")
        let largest = try XCTUnwrap(exec.largestProcessPeakBytes)
        XCTAssertGreaterThan(largest, 60 << 20)
        XCTAssertLessThan(largest, 100 << 20, "one process, not the tree")
        XCTAssertTrue(exec.largestProcess?.contains("python") ?? false, exec.largestProcess ?? "")
        // wait4, like GNU time, covers the children the shell waited for.
        XCTAssertGreaterThan(try XCTUnwrap(result.process?.maxRSSBytes), 60 << 20)
    }

    func testPythonExportUnderGlibcAndJemallocShowsPhasesTheMappedLibraryAndLoadAllAboveBatched() throws {
        let python = try python()
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/python-export/export.py").path
        let rows = 60_000
        let command = [python, script, "--mode", "{variant}", "--rows", "\(rows)", "--db", directory.appendingPathComponent("orders.sqlite").path]
        let allocators = try ["glibc", "jemalloc-preload"].map(WorkerTestSupport.configuration)
        let plan = SuiteFile(commandLine: "test", selections: [RunPlan.Selection(scenario: "python-export", variants: ["load-all", "batched"], sizes: [0])],
                             allocators: allocators, runs: 1, options: WorkerExecutor.Options(cacheDirectory: directory.appendingPathComponent("cache").path))
        let session = SuiteSession(plan: plan, executor: executor(command), reportsDirectory: directory.appendingPathComponent("Reports"),
                                   buildConfiguration: "debug", progress: ProgressReporter(enabled: false))
        let outcome = try session.run()
        XCTAssertEqual(outcome.failedRuns, 0, outcome.report.runs.compactMap(\.reason).joined(separator: "; "))
        let runs = outcome.report.runs
        XCTAssertEqual(runs.count, 4)
        for run in runs {
            XCTAssertEqual(run.status, .ok, run.reason ?? "")
            let phases = try XCTUnwrap(run.record?.phases.map(\.name))
            XCTAssertEqual(phases, run.variant == "load-all" ? ["start", "setup", "open", "load", "export", "release"]
                                                             : ["start", "setup", "open", "export", "release"])
            XCTAssertEqual(run.record?.peakMethod, .clearRefs)
            if run.allocator == "jemalloc-preload" {
                XCTAssertEqual(run.verified?.kind, .jemalloc)
                XCTAssertTrue(run.exec?.allocatorProof.contains("libjemalloc.so.2 mapped") ?? false, run.exec?.allocatorProof ?? "")
                XCTAssertTrue(run.record?.allocator.mappedLibraries.contains { $0.hasSuffix("libjemalloc.so.2") } ?? false)
            } else {
                XCTAssertEqual(run.verified?.kind, .glibc)
                XCTAssertEqual(run.record?.allocator.mappedLibraries, [])
            }
            let log = try String(contentsOf: outcome.directory.appendingPathComponent(try XCTUnwrap(run.exec?.logPath)), encoding: .utf8)
            XCTAssertTrue(log.contains("exported \(rows) orders (\(run.variant))"), log)
        }
        // The export's working set: load-all holds every row, batched 1,000 at a time.
        func workPeak(_ variant: String, _ allocator: String) throws -> Int {
            let record = try XCTUnwrap(runs.first { $0.variant == variant && $0.allocator == allocator }?.record)
            return try XCTUnwrap(record.phases.filter { ["load", "export"].contains($0.name) }.map(\.peakBytes).max())
                - (record.phase("open")?.rssBytes ?? record.baselineBytes)
        }
        for allocator in ["glibc", "jemalloc-preload"] {
            let loadAll = try workPeak("load-all", allocator), batched = try workPeak("batched", allocator)
            XCTAssertGreaterThan(loadAll, 20 << 20, "load-all holds \(rows) rows (\(allocator))")
            XCTAssertGreaterThan(loadAll, batched * 3, "load-all \(loadAll) vs batched \(batched) under \(allocator)")
        }
        let markdown = try String(contentsOf: outcome.directory.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("## python-export\n"), markdown)
        XCTAssertTrue(markdown.contains("## Command runs"))
        // Every finding and the full tables are in details.md.
        let details = try String(contentsOf: outcome.directory.appendingPathComponent("details.md"), encoding: .utf8)
        XCTAssertTrue(details.contains("python-export: `batched` peaks at"), details)
        XCTAssertTrue(details.contains("| `load-all` | jemalloc-preload |"), details)
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: directory.appendingPathComponent("Reports/latest").path)
        XCTAssertEqual(latest, outcome.directory.lastPathComponent)
        // The report can be rebuilt from results.jsonl alone.
        let loaded = try ResultsFile(path: outcome.directory.appendingPathComponent("results.jsonl").path).load()
        XCTAssertEqual(loaded.results.compactMap(\.exec).count, 4)
        let rebuilt = ReportBuilder.build(runId: "again", results: loaded.results, plannedRuns: 4, elapsedSeconds: nil,
                                          environment: outcome.report.environment, allocatorOrder: ["glibc", "jemalloc-preload"], scenarios: ScenarioCatalog.description.scenarios)
        XCTAssertEqual(rebuilt.scenarios.first?.variants.map(\.name), ["load-all", "batched"])
        XCTAssertFalse(rebuilt.scenarios.first?.reportedPhases.isEmpty ?? true)
    }

    func testBadCommandsFailWithOneLineEachAndTheOtherRunsGoOn() throws {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let script = "case {variant} in ok) sleep 0.1;; fail) sleep 0.1; echo boom >&2; exit 3;; killed) sleep 0.1; kill -KILL $$;; slow) echo started; sleep 30;; esac"
        // 3 s: on a loaded 2-core machine (load average 14) a 0.1 s command once took over 1 s.
        let runner = WorkerTestSupport.runner(directory, executor: executor(["/bin/sh", "-c", script], timeout: 3))
        let glibc = try WorkerTestSupport.configuration("glibc")
        let plan = RunPlan(selections: [RunPlan.Selection(scenario: "exec-test", variants: ["fail", "killed", "slow", "ok"], sizes: [0])],
                           allocators: [glibc], runs: 1)
        let results = try runner.measure(plan, allocators: [glibc]).results
        XCTAssertEqual(results.map(\.status), [.failed, .failed, .timeout, .ok])
        XCTAssertEqual(results[0].reason, "the command exited with status 3: boom")
        XCTAssertTrue(results[1].reason?.hasPrefix("the command was killed by signal 9 (Killed)") ?? false, results[1].reason ?? "")
        // The tree's RSS is watched now, so the timeout names its last sample.
        let timeout = results[2].reason ?? ""
        XCTAssertTrue(timeout.hasPrefix("timed out after 3 s (last RSS sample ") && timeout.hasSuffix(" MiB); the command and its process group were killed"), timeout)
        XCTAssertNotNil(results[2].record, "what was measured before the timeout is kept")
        XCTAssertTrue(try String(contentsOf: directory.appendingPathComponent(try XCTUnwrap(results[2].exec?.logPath)), encoding: .utf8).contains("started"))
        XCTAssertEqual(try ResultsFile(path: directory.appendingPathComponent("results.jsonl").path).load().results.count, 4)
        for result in results { XCTAssertFalse(result.reason?.contains("\n") ?? false) }

        let missing = executor(["no-such-command-4711"]).run(try entry(), index: 0, folder: directory.path)
        XCTAssertEqual(missing.reason, "command not found: no-such-command-4711 (searched PATH)")
        let empty = executor([]).run(try entry(), index: 0, folder: directory.path)
        XCTAssertEqual(empty.reason, "no command to run (empty command)")
        // Debian's ldconfig is static: under a preload configuration it is refused before running.
        let staticBinary = executor(["/sbin/ldconfig", "-p"]).run(try entry(allocator: "jemalloc-preload"), index: 0, folder: directory.path)
        XCTAssertEqual(staticBinary.status, .failed)
        XCTAssertTrue(staticBinary.reason?.contains("statically linked, so LD_PRELOAD cannot apply") ?? false, staticBinary.reason ?? "")
        XCTAssertNil(staticBinary.process, "not run")
    }
}
