import Foundation
import XCTest
@testable import BenchModel
import MemoryProbe
import Suite

/// The allocation counter (libbench-count.so): exact on a known-count program under glibc and
/// jemalloc, and per phase in every phase of a counted worker run.
final class CountingTests: XCTestCase {
    static let knownCount = """
    #include <dlfcn.h>
    #include <stdint.h>
    #include <stdio.h>
    #include <stdlib.h>
    int main(void) {
        void (*totals)(uint64_t *) = (void (*)(uint64_t *))dlsym(RTLD_DEFAULT, "memorybench_count_totals");
        if (!totals) return 2;
        uint64_t before[4], after[4];
        totals(before);
        for (int i = 0; i < 10000; i++) { void *volatile p = malloc(100); free(p); }
        totals(after);
        printf("%llu %llu %llu %llu\\n", (unsigned long long)(after[0] - before[0]), (unsigned long long)(after[1] - before[1]),
               (unsigned long long)(after[2] - before[2]), (unsigned long long)(after[3] - before[3]));
        return 0;
    }
    """

    func library(_ directory: URL) throws -> String {
        switch CountingLibrary.prepare(cacheDirectory: directory.appendingPathComponent("cache").path,
                                       environment: ProcessInfo.processInfo.environment) {
        case .success(let path): return path
        case .failure(let unavailable): throw XCTSkip("no allocation counter: \(unavailable.reason)")
        }
    }

    func testKnownCountIsExactUnderGlibcAndJemalloc() throws {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let counter = try library(directory)
        let source = directory.appendingPathComponent("known.c")
        let program = directory.appendingPathComponent("known").path
        try Self.knownCount.write(to: source, atomically: true, encoding: .utf8)
        var compile = ChildProcess(executable: "/usr/bin/cc", arguments: ["-O0", "-o", program, source.path, "-ldl"],
                                   environment: ["PATH": "/usr/bin:/bin"], timeoutSeconds: 60)
        XCTAssertEqual(try compile.run().termination, .exited(0))
        var preloads = [[counter]]
        if let jemalloc = LibraryLocator().find("libjemalloc.so.2") { preloads.append([counter, jemalloc]) }
        XCTAssertEqual(preloads.count, 2, "libjemalloc2 is not installed: only glibc was counted")
        for preload in preloads {
            var child = ChildProcess(executable: program, arguments: [],
                                     environment: ["LD_PRELOAD": preload.joined(separator: " ")], timeoutSeconds: 30)
            let outcome = try child.run()
            XCTAssertEqual(outcome.termination, .exited(0))
            let figures = String(decoding: outcome.stdout, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            XCTAssertEqual(figures, [10_000, 10_000, 0, 1_000_000], "LD_PRELOAD=\(preload.joined(separator: " "))")
        }
    }

    func testCountedWorkerRunHasCountsInEveryPhaseAndUncountedHasNone() throws {
        try WorkerTestSupport.requireWorkers()
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        var workers = WorkerTestSupport.workers
        workers.countingLibrary = try library(directory)
        let executor = WorkerExecutor(workers: workers, options: WorkerExecutor.Options(cacheDirectory: directory.appendingPathComponent("cache").path),
                                      scratchDirectory: directory.appendingPathComponent("scratch").path)
        for name in ["glibc", "jemalloc-preload", "jemalloc-linked"] {
            let plain = try WorkerTestSupport.configuration(name)
            for configuration in [plain, plain.countedTwin()] {
                let entry = RunPlan.Entry(scenario: "string-building", variant: "concat", allocator: configuration, size: 2_000, repetition: 1)
                let result = executor.run(entry, index: 0, folder: directory.path)
                XCTAssertEqual(result.status, .ok, "\(configuration.name): \(result.reason ?? "")")
                let phases = try XCTUnwrap(result.record?.phases)
                XCTAssertFalse(phases.isEmpty)
                if configuration.isCounted {
                    XCTAssertEqual(configuration.name, name + "+count")
                    XCTAssertTrue(result.environment["LD_PRELOAD"]?.hasPrefix(workers.countingLibrary ?? "?") == true)
                    for phase in phases { XCTAssertNotNil(phase.allocations, "\(configuration.name) \(phase.name)") }
                    // One String per order at least: 2,000 orders are at least 2,000 mallocs in `build`.
                    let build = try XCTUnwrap(phases.first { $0.name == "build" }?.allocations)
                    XCTAssertGreaterThanOrEqual(build.mallocs, 2_000)
                } else {
                    XCTAssertFalse(result.environment["LD_PRELOAD"]?.contains(CountingLibrary.fileName) == true)
                    for phase in phases { XCTAssertNil(phase.allocations, "\(configuration.name) \(phase.name)") }
                }
            }
        }
    }
}
