import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Reporting

/// Issue 24 item 3's data: the preloaded probe answers for a running service, at the end of the
/// window (before SIGTERM) and at every marker, without changing what it measures. A C program
/// keeps N MiB live and frees M MiB between them (so glibc cannot trim them away), writes
/// `phase hold` and waits: the window's live bytes are N and its resident bytes its RSS, within
/// 2 %; and a single-threaded program still has one glibc arena with the probe's thread in it.
final class ExecServiceInsideTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    static let program = """
        #include <pthread.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>
        static void phase(const char *name) {
            if (!getenv("MEMORYBENCH_PHASE_FD")) return;
            dprintf(3, "phase %s\\n", name);
            char ack[3]; if (getenv("MEMORYBENCH_PHASE_ACK_FD")) read(4, ack, 3);
        }
        static pthread_barrier_t all_allocated;
        static char *volatile held[64];  /* kept where the compiler cannot drop the mallocs */
        static void *hold_some(void *slot) {
            char *block = malloc(64 << 10); memset(block, 2, 64 << 10);
            held[(long)slot] = block;
            pthread_barrier_wait(&all_allocated);
            for (;;) pause();
        }
        int main(int argc, char **argv) {
            if (!strcmp(argv[1], "threads")) {  /* threads K: K threads each holding 64 KiB */
                int k = atoi(argv[2]);
                pthread_barrier_init(&all_allocated, NULL, (k < 64 ? k : 64) + 1);
                for (long i = 0; i < k && i < 64; i++) { pthread_t t; pthread_create(&t, NULL, hold_some, (void *)i); }
                pthread_barrier_wait(&all_allocated);
                phase("up");
                for (;;) pause();
            }
            /* hold N M: N MiB kept and M MiB freed, in 16 KiB chunks taken in turns */
            size_t keep = (size_t)atoi(argv[2]) << 20, drop = (size_t)atoi(argv[3]) << 20, chunk = 16 << 10;
            size_t kept_n = keep / chunk, drop_n = drop / chunk;
            char **kept = calloc(kept_n, sizeof *kept), **dropped = calloc(drop_n, sizeof *dropped);
            for (size_t i = 0, j = 0; i < kept_n || j < drop_n;) {
                if (i < kept_n) { kept[i] = malloc(chunk); memset(kept[i++], 1, chunk); }
                if (j < drop_n) { dropped[j] = malloc(chunk); memset(dropped[j++], 1, chunk); }
            }
            for (size_t j = 0; j < drop_n; j++) free(dropped[j]);
            free(dropped);
            phase("hold");
            for (;;) pause();
        }
        """

    func build() throws -> String {
        try CProgram.build(Self.program, named: "inside", flags: ["-O1", "-pthread"], for: self)
    }

    func run(_ command: [String], allocator: AllocatorConfiguration, readyPhase: String, folder: String, index: Int) throws -> RunResult {
        var options = CommandExecutor.Options(command: command, callerEnvironment: ProcessInfo.processInfo.environment)
        options.intervalMs = 5
        options.timeoutSeconds = 60
        options.launcher = "\(WorkerTestSupport.workers.directory)/bench-exec-launcher"
        let cache = try WorkerTestSupport.temporaryDirectory(self).path
        options.probeLibrary = try ExecProbeLibrary.prepare(cacheDirectory: cache, environment: ProcessInfo.processInfo.environment).get()
        options.service = ExecService(durationSeconds: 1, readyPhase: readyPhase, graceSeconds: 1)
        let entry = RunPlan.Entry(scenario: "inside", variant: "command", allocator: allocator, size: 0, repetition: 1)
        return CommandExecutor(options: options).run(entry, index: index, folder: folder)
    }

    func testTheWindowsLiveBytesAreWhatIsKeptAndItsResidentBytesItsRSSWithinTwoPercent() throws {
        let inside = try build()
        let folder = try WorkerTestSupport.temporaryDirectory(self).path
        let keptBytes = Double(256 << 20)
        for (index, name) in ["glibc", "jemalloc-preload", "jemalloc-background"].enumerated() {
            let result = try run([inside, "hold", "256", "128"], allocator: try WorkerTestSupport.configuration(name),
                                 readyPhase: "hold", folder: folder, index: index)
            XCTAssertEqual(result.status, .ok, "\(name): \(result.reason ?? "")")
            let phases = try XCTUnwrap(result.record?.phases)
            XCTAssertEqual(phases.map(\.name), ["start", "hold", ExecService.shutdownPhase], name)
            let window = phases[1]
            let stats = try XCTUnwrap(window.allocatorStats, "\(name): no figures from inside at the end of the window")
            let live = Double(try XCTUnwrap(stats.liveBytes, name))
            XCTAssertEqual(live, keptBytes, accuracy: keptBytes * 0.02, "\(name): live vs the 256 MiB kept")
            // What the allocator holds in memory: jemalloc's resident bytes, glibc's arenas and mmaps.
            let held = Double(try XCTUnwrap(name == "glibc" ? stats.systemBytes : stats.residentBytes, name))
            let rss = Double(window.rssBytes)
            XCTAssertEqual(held, rss, accuracy: rss * 0.02, "\(name): held vs the window's RSS")
            XCTAssertGreaterThan(held - live, Double(64 << 20), "\(name): the freed 128 MiB shows as held − live")
            XCTAssertNotNil(phases[0].allocatorStats, "\(name): the marker's figures end the start-up phase")
            if name == "glibc" { XCTAssertEqual(stats.arenas, 1, "the probe's thread never allocates, so no second arena") }
        }
    }

    /// `--cores-like 32` on this 2-CPU machine, proved from inside: glibc takes more than the 16
    /// arenas it would cap itself at with 40 threads, and jemalloc's opt.narenas is 128.
    func testCoresLike32GivesGlibcMoreThanSixteenArenasAndJemalloc128() throws {
        let inside = try build()
        let folder = try WorkerTestSupport.temporaryDirectory(self).path
        let glibc = try run([inside, "threads", "40"], allocator: try WorkerTestSupport.configuration("glibc").likeCores(32),
                            readyPhase: "up", folder: folder, index: 0)
        XCTAssertEqual(glibc.status, .ok, glibc.reason ?? "")
        let arenas = try XCTUnwrap(glibc.record?.phases.compactMap { $0.allocatorStats?.arenas }.max())
        XCTAssertGreaterThan(arenas, 16)
        XCTAssertTrue(glibc.verified?.proof.contains("like 32 CPUs: MALLOC_ARENA_MAX=256 seen inside, \(arenas) arena(s) used") ?? false,
                      glibc.verified?.proof ?? "no proof")
        let own = try run([inside, "threads", "40"], allocator: try WorkerTestSupport.configuration("glibc"),
                          readyPhase: "up", folder: folder, index: 1)
        XCTAssertEqual(own.record?.phases.compactMap { $0.allocatorStats?.arenas }.max(), 8 * ProcessInfo.processInfo.activeProcessorCount,
                       "without it, this machine's own cap")
        let jemalloc = try run([inside, "threads", "40"], allocator: try WorkerTestSupport.configuration("jemalloc-background").likeCores(32),
                               readyPhase: "up", folder: folder, index: 2)
        XCTAssertEqual(jemalloc.status, .ok, jemalloc.reason ?? "")
        XCTAssertTrue(jemalloc.verified?.proof.contains("like 32 CPUs: opt.narenas 128 (from inside)") ?? false, jemalloc.verified?.proof ?? "no proof")
    }
}
