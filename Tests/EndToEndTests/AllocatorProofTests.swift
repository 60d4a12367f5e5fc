import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Reporting
@testable import Suite
@testable import Exec
@testable import Doctor

/// Real workers under real configurations: the allocator is proved, not assumed.
final class AllocatorProofTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    func testJemallocPreloadWorkerReportsJemallocWithVersionAndMapping() throws {
        let preflight = AllocatorPreflight.run(try WorkerTestSupport.configuration("jemalloc-preload"), workers: WorkerTestSupport.workers)
        XCTAssertEqual(preflight.outcome, .verified, preflight.reason ?? "")
        let identity = try XCTUnwrap(preflight.identity)
        XCTAssertEqual(identity.kind, .jemalloc)
        XCTAssertTrue(identity.version?.hasPrefix("5.") ?? false, identity.version ?? "no version")
        XCTAssertTrue(identity.mappedLibraries.contains { $0.contains("libjemalloc.so") })
        XCTAssertTrue(identity.mallocProvider?.contains("libjemalloc") ?? false)
    }

    func testJemallocLinkedWorkerReportsJemallocWithoutAnyPreload() throws {
        let configuration = try WorkerTestSupport.configuration("jemalloc-linked")
        XCTAssertNil(WorkerTestSupport.workers.environment(for: configuration, scratch: "/tmp")["LD_PRELOAD"])
        let preflight = AllocatorPreflight.run(configuration, workers: WorkerTestSupport.workers)
        XCTAssertEqual(preflight.outcome, .verified, preflight.reason ?? "")
        XCTAssertEqual(preflight.identity?.kind, .jemalloc)
    }

    func testArenaLimitHoldsUnderContentionWhileTheDefaultGrowsPastIt() throws {
        let limited = AllocatorPreflight.run(try WorkerTestSupport.configuration("glibc-arenas-2"), workers: WorkerTestSupport.workers)
        XCTAssertEqual(limited.outcome, .verified, limited.reason ?? "")
        let arenas = try XCTUnwrap(limited.arenasUnderContention)
        XCTAssertLessThanOrEqual(arenas, 2)
        XCTAssertGreaterThanOrEqual(arenas, 1)
        // The same contention without a limit makes more arenas: the check above can fail.
        let unlimited = AllocatorPreflight.run(try WorkerTestSupport.configuration("glibc"), workers: WorkerTestSupport.workers)
        XCTAssertGreaterThan(try XCTUnwrap(unlimited.arenasUnderContention), 2)
    }

    func testBogusPreloadPathIsAFailedRunNotAGlibcRow() throws {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let bogus = try CustomAllocatorSpec.parse("bogus-jemalloc preload=/nonexistent/libjemalloc.so.2", builtIn: [])
        // Run the worker directly (no preflight) so the per-run verification is what catches it.
        let runner = WorkerTestSupport.executor(directory)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("cache"), withIntermediateDirectories: true)
        XCTAssertNil(runner.prepare(scenario: "load-all-vs-batched", size: 500))
        let entry = RunPlan.Entry(scenario: "load-all-vs-batched", variant: "cursor", allocator: bogus, size: 500, repetition: 1)
        let result = runner.run(entry, index: 0, folder: directory.path)
        XCTAssertEqual(result.status, .failed)
        XCTAssertNil(result.verified)
        let reason = try XCTUnwrap(result.reason)
        XCTAssertTrue(reason.contains("expected jemalloc"), reason)
        XCTAssertTrue(reason.contains("libc.so.6"), reason)
        // The preflight refuses it too, before any measured run.
        let preflight = AllocatorPreflight.run(bogus, workers: WorkerTestSupport.workers)
        XCTAssertEqual(preflight.outcome, .failed)
    }
}
