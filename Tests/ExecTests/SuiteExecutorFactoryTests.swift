import XCTest
import Foundation
@testable import BenchModel
@testable import Suite
@testable import Exec

/// The executor is chosen once, from the plan: a new suite and one resumed from its suite.json
/// get the same executor with the same options.
final class SuiteExecutorFactoryTests: XCTestCase {
    /// No C compiler on this PATH: no probe or counter is built (no process starts).
    let environment = ["PATH": "/nonexistent", "HOME": "/home/someone", "API_TOKEN": "s3cret", "LD_PRELOAD": "/stray.so"]
    let glibc = AllocatorConfiguration(name: "glibc", summary: "", expectedKind: .glibc)

    func plan(exec: SuiteFile.ExecSuite?) -> SuiteFile {
        var options = WorkerExecutor.Options(cacheDirectory: "/nonexistent/cache")
        options.intervalMs = 2
        options.timeoutSeconds = 90
        options.memoryCapBytes = 1 << 30
        options.parameters = ["s": ["threads": "4"]]
        var plan = SuiteFile(commandLine: "bench test", selections: [RunPlan.Selection(scenario: "s", variants: ["a"], sizes: [10])],
                             allocators: [glibc], runs: 1, options: options, exec: exec)
        plan.worker = exec == nil ? "/opt/own-worker" : nil
        return plan
    }

    /// suite.json written and read back, as `--resume` reads it.
    func roundTripped(_ plan: SuiteFile) throws -> SuiteFile {
        try JSONDecoder().decode(SuiteFile.self, from: try JSONCoding.encoder(pretty: true).encode(plan))
    }

    func testAPlanOfMemoryBenchsScenariosRunsItsWorkersWithItsSettings() throws {
        for plan in [plan(exec: nil), try roundTripped(plan(exec: nil))] {
            let executor = try XCTUnwrap(SuiteExecutorFactory.executor(for: plan, environment: environment, quiet: true) as? WorkerExecutor)
            XCTAssertEqual(executor.workers.worker, "/opt/own-worker")
            XCTAssertEqual(executor.options.cacheDirectory, "/nonexistent/cache")
            XCTAssertEqual(executor.options.intervalMs, 2)
            XCTAssertEqual(executor.options.timeoutSeconds, 90)
            XCTAssertEqual(executor.options.memoryCapBytes, 1 << 30)
            XCTAssertEqual(executor.options.parameters, ["s": ["threads": "4"]])
            XCTAssertNil(executor.workers.countingLibrary, "nothing counted, no counter")
            XCTAssertEqual(executor.capEnforcement(capBytes: 1 << 30), " (kernel data limit \(MemoryLimit.format(MemoryLimit.dataLimitBytes(forCap: 1 << 30))))")
        }
    }

    func testAnExecPlanRunsItsCommandWithTheSameOptionsNewOrResumed() throws {
        var exec = SuiteFile.ExecSuite(command: ["python3", "job.py", "{variant}"], workingDirectory: "/work", environment: environment, showOutput: true)
        exec.service = ExecService(durationSeconds: 5, readyCommand: "true")
        let new = try XCTUnwrap(SuiteExecutorFactory.executor(for: plan(exec: exec), environment: environment, quiet: true) as? CommandExecutor)
        let resumed = try XCTUnwrap(SuiteExecutorFactory.executor(for: try roundTripped(plan(exec: exec)), environment: environment, quiet: true)
                                    as? CommandExecutor)
        for executor in [new, resumed] {
            let options = executor.options
            XCTAssertEqual(options.command, ["python3", "job.py", "{variant}"])
            XCTAssertEqual(options.intervalMs, 2)
            XCTAssertEqual(options.timeoutSeconds, 90)
            XCTAssertEqual(options.memoryCapBytes, 1 << 30)
            XCTAssertTrue(options.showOutput)
            XCTAssertEqual(options.service, exec.service)
            XCTAssertEqual(options.launcher, SuiteExecutorFactory.launcherPath)
            XCTAssertNil(options.probeLibrary, "no C compiler here: proved from outside")
            XCTAssertNil(options.countingLibrary)
            XCTAssertEqual(options.callerEnvironment, environment, "the caller's environment, secrets from the resuming shell")
            XCTAssertNil(executor.binaries(for: [glibc], digestBuiltIn: true))
            XCTAssertEqual(executor.capEnforcement(capBytes: 1 << 30), " of the command's process tree")
        }
        XCTAssertNil(try roundTripped(plan(exec: exec)).exec?.environment["API_TOKEN"], "suite.json records no secret")
    }
}
