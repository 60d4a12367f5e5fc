import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec

/// jemalloc-background is proved from inside the worker: mallctl("background_thread") reads
/// true and a background thread runs. A configuration that claims it without MALLOC_CONF fails.
final class JemallocBackgroundProofTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    func testJemallocBackgroundIsProvedByItsBackgroundThread() throws {
        let configuration = try WorkerTestSupport.configuration("jemalloc-background")
        XCTAssertEqual(configuration.environment["MALLOC_CONF"], "background_thread:true")
        let preflight = AllocatorPreflight.run(configuration, workers: WorkerTestSupport.workers)
        XCTAssertEqual(preflight.outcome, .verified, preflight.reason ?? "")
        XCTAssertEqual(preflight.identity?.backgroundThread, true)
        XCTAssertGreaterThan(try XCTUnwrap(preflight.identity?.backgroundThreads), 0)
        XCTAssertTrue(preflight.proof?.contains("background_thread on") ?? false, preflight.proof ?? "no proof")
    }

    func testPlainJemallocReadsBackgroundThreadOff() throws {
        let preflight = AllocatorPreflight.run(try WorkerTestSupport.configuration("jemalloc-preload"), workers: WorkerTestSupport.workers)
        XCTAssertEqual(preflight.outcome, .verified, preflight.reason ?? "")
        XCTAssertEqual(preflight.identity?.backgroundThread, false)
    }

    func testAConfigurationClaimingTheBackgroundThreadWithoutItFailsItsProof() throws {
        var fake = try WorkerTestSupport.configuration("jemalloc-preload")
        fake.name = "fake-background"
        fake.backgroundThread = true
        let preflight = AllocatorPreflight.run(fake, workers: WorkerTestSupport.workers)
        XCTAssertEqual(preflight.outcome, .failed)
        XCTAssertTrue(preflight.reason?.contains("background thread is off") ?? false, preflight.reason ?? "no reason")
    }

    func testExecSeesTheBackgroundThreadFromOutside() throws {
        var options = CommandExecutor.Options(command: ["/usr/bin/python3", "-c", "import time; time.sleep(1.5)"],
                                              callerEnvironment: ProcessInfo.processInfo.environment)
        options.launcher = "\(WorkerTestSupport.workers.directory)/bench-exec-launcher"
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        func run(_ configuration: AllocatorConfiguration) -> RunResult {
            CommandExecutor(options: options).run(RunPlan.Entry(scenario: "background", variant: "command", allocator: configuration, size: 0, repetition: 1),
                                                  index: 0, folder: directory.path)
        }
        let background = run(try WorkerTestSupport.configuration("jemalloc-background"))
        XCTAssertEqual(background.status, .ok, background.reason ?? "")
        XCTAssertTrue(background.verified?.proof.contains("jemalloc_bg_thd") ?? false, background.verified?.proof ?? "no proof")
        var fake = try WorkerTestSupport.configuration("jemalloc-preload")
        fake.name = "fake-background"
        fake.backgroundThread = true
        let claimed = run(fake)
        XCTAssertEqual(claimed.status, .failed)
        XCTAssertTrue(claimed.reason?.contains("no jemalloc_bg_thd thread") ?? false, claimed.reason ?? "no reason")
    }
}
