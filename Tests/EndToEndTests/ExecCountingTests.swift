import Foundation
import XCTest
@testable import BenchModel
import MemoryProbe
@testable import Suite

/// Allocation counts through `bench exec` (every process of the command's tree keeps its counts
/// in a file the harness reads at each acknowledged marker and at the end), and the counter's
/// totals against jemalloc's own request counters.
final class ExecCountingTests: XCTestCase {
    /// Phase `pairs`: exactly 10,000 malloc(100)/free pairs. Phase `child`: a forked child makes
    /// 2,500 pairs and ends with _exit (no destructor runs); the parent waits for it.
    static let knownCount = """
    #include <stdio.h>
    #include <stdlib.h>
    #include <sys/wait.h>
    #include <unistd.h>
    static void phase(const char *name) {
        char line[64];
        int length = snprintf(line, sizeof line, "phase %s\\n", name);
        if (write(atoi(getenv("MEMORYBENCH_PHASE_FD")), line, (size_t)length) != length) exit(2);
        char ok[3];
        if (read(atoi(getenv("MEMORYBENCH_PHASE_ACK_FD")), ok, 3) != 3) exit(3);
    }
    int main(void) {
        phase("pairs");
        for (int i = 0; i < 10000; i++) { void *volatile p = malloc(100); free(p); }
        phase("child");
        pid_t child = fork();
        if (child == 0) {
            for (int i = 0; i < 2500; i++) { void *volatile p = malloc(100); free(p); }
            _exit(0);
        }
        waitpid(child, NULL, 0);
        phase("end");
        return 0;
    }
    """

    /// Compiles `source` with cc into `directory`; skips without a C compiler.
    func compile(_ source: String, named name: String, in directory: URL) throws -> String {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/cc"), "no C compiler")
        let file = directory.appendingPathComponent("\(name).c")
        let program = directory.appendingPathComponent(name).path
        try source.write(to: file, atomically: true, encoding: .utf8)
        var compile = ChildProcess(executable: "/usr/bin/cc", arguments: ["-O0", "-o", program, file.path, "-ldl"],
                                   environment: ["PATH": "/usr/bin:/bin"], timeoutSeconds: 60)
        XCTAssertEqual(try compile.run().termination, .exited(0))
        return program
    }

    func testBenchExecCountsTenThousandPairsUnderGlibcAndJemallocAndSumsTheTree() throws {
        try WorkerTestSupport.requireWorkers()
        try BenchProcess.requireBench()
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let program = try compile(Self.knownCount, named: "known", in: directory)
        let reports = directory.appendingPathComponent("Reports")
        let result = try BenchProcess.run(["exec", "--allocators", "glibc+count,jemalloc-preload+count", "--runs", "1", "--max-runs", "1",
                                           "--out", reports.path, "--quiet", "--", program], home: directory, timeoutSeconds: 300)
        XCTAssertEqual(result.status, .exited(0), result.stderr)
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: reports.appendingPathComponent("latest").path)
        let runs = try ResultsFile(path: reports.appendingPathComponent(latest).appendingPathComponent("results.jsonl").path).load().results
        XCTAssertEqual(runs.map(\.allocator).sorted(), ["glibc+count", "jemalloc-preload+count"])
        for run in runs {
            let name = run.allocator
            XCTAssertEqual(run.status, .ok, "\(name): \(run.reason ?? "")")
            let phases = Dictionary(uniqueKeysWithValues: try XCTUnwrap(run.record?.phases).map { ($0.name, $0) })
            let pairs = try XCTUnwrap(phases["pairs"]?.allocations, name)
            // ±0.1 %: room for the runtime's own, though none is expected inside the phase.
            XCTAssertEqual(Double(pairs.mallocs), 10_000, accuracy: 10, name)
            XCTAssertEqual(Double(pairs.frees), 10_000, accuracy: 10, name)
            XCTAssertEqual(Double(pairs.bytesRequested), 1_000_000, accuracy: 1_000, name)
            // The child's file is read although it ended in _exit: the tree's sum.
            let child = try XCTUnwrap(phases["child"]?.allocations, name)
            XCTAssertEqual(Double(child.mallocs), 2_500, accuracy: 3, name)
            XCTAssertEqual(run.exec?.countedProcesses, 2, name)
            let largest = try XCTUnwrap(run.exec?.largestAllocatingProcess, name)
            XCTAssertTrue(largest.contains("(known)"), largest)
            XCTAssertTrue(run.environment["LD_PRELOAD"]?.hasPrefix("/") == true && run.environment["LD_PRELOAD"]?.contains(CountingLibrary.fileName) == true,
                          run.environment["LD_PRELOAD"] ?? "")
        }
        // The per-phase tables, counts among them, are in details.md (report.md links to it).
        let details = try String(contentsOf: reports.appendingPathComponent(latest).appendingPathComponent("details.md"), encoding: .utf8)
        XCTAssertTrue(details.contains("**Allocations**"), details)
    }

    static let jemallocCrossCheck = """
    #include <dlfcn.h>
    #include <stdint.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    typedef int (*mallctl_fn)(const char *, void *, size_t *, void *, size_t);
    int main(void) {
        mallctl_fn mallctl = (mallctl_fn)dlsym(RTLD_DEFAULT, "mallctl");
        void (*totals)(uint64_t *) = (void (*)(uint64_t *))dlsym(RTLD_DEFAULT, "memorybench_count_totals");
        if (!mallctl || !totals) return 2;
        static void *volatile keep[1000];
        for (int i = 0; i < 20000; i++) { void *volatile p = malloc(16 + i % 2000); free(p); }
        for (int i = 0; i < 1000; i++) keep[i] = calloc(1, 100000 + i);
        for (int i = 0; i < 1000; i++) free(keep[i]);
        for (int i = 0; i < 5000; i++) { char *volatile p = strdup("allocation counter"); free(p); }
        uint64_t counted[4];
        totals(counted);
        // Small requests are counted in the thread's cache until it is flushed; epoch refreshes the stats.
        if (mallctl("thread.tcache.flush", NULL, NULL, NULL, 0) != 0) return 3;
        uint64_t epoch = 1, old_epoch;
        size_t size = sizeof old_epoch;
        if (mallctl("epoch", &old_epoch, &size, &epoch, sizeof epoch) != 0) return 4;
        uint64_t small = 0, large = 0;
        size = sizeof small;
        if (mallctl("stats.arenas.4096.small.nrequests", &small, &size, NULL, 0) != 0) return 5;
        size = sizeof large;
        if (mallctl("stats.arenas.4096.large.nrequests", &large, &size, NULL, 0) != 0) return 6;
        printf("%llu %llu %llu\\n", (unsigned long long)counted[0], (unsigned long long)counted[2], (unsigned long long)(small + large));
        return 0;
    }
    """

    func testCounterTotalsAgreeWithJemallocsOwnRequestCounters() throws {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let counter: String
        switch CountingLibrary.prepare(cacheDirectory: directory.appendingPathComponent("cache").path, environment: ProcessInfo.processInfo.environment) {
        case .success(let path): counter = path
        case .failure(let unavailable): throw XCTSkip("no allocation counter: \(unavailable.reason)")
        }
        let jemalloc = try XCTUnwrap(LibraryLocator().find("libjemalloc.so.2"), "libjemalloc2 is not installed")
        let program = try compile(Self.jemallocCrossCheck, named: "crosscheck", in: directory)
        var child = ChildProcess(executable: program, arguments: [], environment: ["LD_PRELOAD": "\(counter) \(jemalloc)"], timeoutSeconds: 30)
        let outcome = try child.run()
        XCTAssertEqual(outcome.termination, .exited(0), "exit status 5 or 6: jemalloc was built without statistics")
        let figures = String(decoding: outcome.stdout, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        XCTAssertEqual(figures.count, 3)
        guard figures.count == 3 else { return }
        let (mallocs, reallocs, jemallocRequests) = (figures[0], figures[1], figures[2])
        // 26,000 requests of the program's own, and a few of the C library's.
        XCTAssertGreaterThanOrEqual(mallocs, 26_000)
        XCTAssertEqual(mallocs + reallocs, jemallocRequests, accuracy: jemallocRequests * 0.001,
                       "the counter's mallocs + reallocs against jemalloc's small + large nrequests")
    }
}
