import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec

/// Issue 23: `bench exec`'s end-of-run figure is the command's RSS when it returns from main or
/// calls exit (the preloaded probe's record), not a sample taken while it tears down. A C
/// program holds 256 MiB, prints its own VmRSS just before it ends, and frees everything in an
/// atexit handler that then sleeps: the last samples see ~1 MiB, the end of run must not.
/// (The Done-when: within 1 % of the VmRSS it prints, under glibc and jemalloc-background.)
final class ExecEndOfRunTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    static let program = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>
        static char *block;
        static void release(void) { free(block); block = NULL; usleep(300000); }
        int main(int argc, char **argv) {
            block = malloc(256u << 20); memset(block, 1, 256u << 20);
            atexit(release);
            usleep(400000);  /* long enough to be sampled and proved from outside too */
            FILE *f = fopen("/proc/self/status", "r"); char line[256];
            while (fgets(line, sizeof line, f)) if (!strncmp(line, "VmRSS:", 6)) printf("own %s", line);
            fclose(f); fflush(stdout);
            if (argc > 1 && !strcmp(argv[1], "exit")) exit(0);
            if (argc > 1 && !strcmp(argv[1], "_exit")) _exit(0);
            return 0;
        }
        """

    func build() throws -> String {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let source = directory.appendingPathComponent("hold.c").path
        let binary = directory.appendingPathComponent("hold").path
        try Self.program.write(toFile: source, atomically: true, encoding: .utf8)
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/cc")
        cc.arguments = ["-O2", "-o", binary, source]
        try cc.run()
        cc.waitUntilExit()
        XCTAssertEqual(cc.terminationStatus, 0, "cc failed")
        return binary
    }

    func executor(_ command: [String], cache: String) throws -> CommandExecutor {
        var options = CommandExecutor.Options(command: command, callerEnvironment: ProcessInfo.processInfo.environment)
        options.intervalMs = 2
        options.launcher = "\(WorkerTestSupport.workers.directory)/bench-exec-launcher"
        options.probeLibrary = try ExecProbeLibrary.prepare(cacheDirectory: cache, environment: ProcessInfo.processInfo.environment).get()
        return CommandExecutor(options: options)
    }

    /// The VmRSS the program printed of itself, in bytes.
    func ownRSS(_ result: RunResult, folder: String) throws -> Double {
        let log = try String(contentsOfFile: "\(folder)/\(try XCTUnwrap(result.exec?.logPath))", encoding: .utf8)
        let line = try XCTUnwrap(log.split(separator: "\n").first { $0.hasPrefix("own VmRSS:") }, log)
        let kib = try XCTUnwrap(Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first ?? ""), String(line))
        return kib * 1024
    }

    func testEndOfRunIsTheRSSAtExitWithinOnePercentUnderGlibcAndJemallocBackground() throws {
        let hold = try build()
        let cache = try WorkerTestSupport.temporaryDirectory(self).path
        let folder = try WorkerTestSupport.temporaryDirectory(self).path
        for (index, (allocator, how)) in [("glibc", "return"), ("jemalloc-background", "return"), ("glibc", "exit")].enumerated() {
            let entry = RunPlan.Entry(scenario: "hold", variant: "command", allocator: try WorkerTestSupport.configuration(allocator),
                                      size: 0, repetition: 1)
            let result = try executor([hold, how], cache: cache).run(entry, index: index, folder: folder)
            XCTAssertEqual(result.status, .ok, result.reason ?? "")
            let phase = try XCTUnwrap(result.record?.phases.last)
            let own = try ownRSS(result, folder: folder)
            XCTAssertGreaterThan(own, 256 * 1_048_576, "\(allocator) \(how)")
            XCTAssertEqual(phase.end, .exit, "\(allocator) \(how)")
            XCTAssertEqual(Double(phase.rssBytes), own, accuracy: own * 0.01, "\(allocator) \(how): end of run vs the program's own VmRSS")
            // The allocator's own figures at exit: the 256 MiB block is live.
            let live = try XCTUnwrap(phase.allocatorStats?.liveBytes, "\(allocator) \(how)")
            XCTAssertEqual(Double(live), Double(256 << 20), accuracy: Double(256 << 20) * 0.02, "\(allocator) \(how)")
            if allocator == "glibc" { XCTAssertEqual(phase.allocatorStats?.arenas, 1) }
            if allocator.hasPrefix("jemalloc") { XCTAssertNotNil(phase.allocatorStats?.residentBytes) }
        }
    }

    func testAProcessThatEndsWithUnderscoreExitHasATeardownSample() throws {
        let hold = try build()
        let cache = try WorkerTestSupport.temporaryDirectory(self).path
        let folder = try WorkerTestSupport.temporaryDirectory(self).path
        let entry = RunPlan.Entry(scenario: "hold", variant: "command", allocator: try WorkerTestSupport.configuration("glibc"),
                                  size: 0, repetition: 1)
        let result = try executor([hold, "_exit"], cache: cache).run(entry, index: 0, folder: folder)
        XCTAssertEqual(result.status, .ok, result.reason ?? "")
        XCTAssertEqual(result.record?.phases.last?.end, .teardownSample)
        XCTAssertNil(result.record?.phases.last?.allocatorStats)
    }
}
