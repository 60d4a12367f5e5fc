import Foundation
import XCTest
@testable import BenchModel
@testable import Reporting
@testable import Suite

/// `bench exec --sites` with a real C program, jemalloc's profiler and jeprof: the program's two
/// functions come out with their shares at the peak, the profiling run is in no result, and a
/// static binary gets a line saying it cannot be profiled while the suite still ends well.
final class ExecSitesTests: XCTestCase {
    override func setUpWithError() throws {
        try SitesEndToEndTests.requireBenchAndJeprof()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/cc"), "no C compiler")
    }

    /// 48 MiB kept live by keep_large, 16 MiB by keep_small, in 64 KiB blocks; held, then exit.
    static let knownSites = """
    #include <stdlib.h>
    #include <string.h>
    #include <unistd.h>
    #define BLOCK (64 * 1024)
    static void *kept[1024];
    __attribute__((noinline)) void keep_large(void) { for (int i = 0; i < 768; i++) { kept[i] = malloc(BLOCK); memset(kept[i], 1, BLOCK); } }
    __attribute__((noinline)) void keep_small(void) { for (int i = 768; i < 1024; i++) { kept[i] = malloc(BLOCK); memset(kept[i], 1, BLOCK); } }
    int main(void) { keep_large(); keep_small(); usleep(300000); return kept[1023] == NULL; }
    """

    func compile(_ source: String, named name: String, in directory: URL, flags: [String] = []) throws -> String {
        let file = directory.appendingPathComponent("\(name).c")
        let program = directory.appendingPathComponent(name).path
        try source.write(to: file, atomically: true, encoding: .utf8)
        var compile = ChildProcess(executable: "/usr/bin/cc", arguments: ["-O0", "-g"] + flags + ["-o", program, file.path],
                                   environment: ["PATH": "/usr/bin:/bin"], timeoutSeconds: 60)
        let outcome = try compile.run()
        try XCTSkipUnless(outcome.termination == .exited(0), "cc \(flags.joined(separator: " ")) failed: \(String(decoding: outcome.stderr, as: UTF8.self))")
        return program
    }

    /// `bench exec --sites` with the test's own PATH (swift-demangle is the toolchain's); its run folder.
    func benchExecSites(_ program: String, home: URL) throws -> (outcome: ChildProcess.Outcome, folder: URL) {
        let out = home.appendingPathComponent("reports")
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let child = ChildProcess(executable: BenchProcess.path,
                                 arguments: ["exec", "--sites", "--allocators", "glibc", "--runs", "1", "--max-runs", "1",
                                             "--cache-dir", home.appendingPathComponent("cache").path, "--out", out.path, "--no-progress", "--", program],
                                 environment: ["PATH": path, "HOME": home.path, "LANG": "C.UTF-8"], timeoutSeconds: 300)
        let outcome = try child.run()
        let folder = (try? FileManager.default.contentsOfDirectory(atPath: out.path))?.first { $0.hasPrefix("20") }
        return (outcome, out.appendingPathComponent(try XCTUnwrap(folder, String(decoding: outcome.stderr, as: UTF8.self))))
    }

    func testKnownSitesOfACProgramComeOutWithTheirSharesAtThePeakAndTheProfilingRunIsInNoResult() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let program = try compile(Self.knownSites, named: "two-sites", in: home)
        let (outcome, folder) = try benchExecSites(program, home: home)
        XCTAssertEqual(outcome.termination, .exited(0), String(decoding: outcome.stderr, as: UTF8.self))
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent("report.json")))

        let cell = try XCTUnwrap(report.sites?.first)
        XCTAssertNil(cell.failure)
        XCTAssertEqual(cell.profiledUnder, "jemalloc-preload+sites")
        XCTAssertEqual(cell.peakPhase, "peak")
        XCTAssertTrue(cell.profiledProcess?.hasPrefix("two-sites (pid ") ?? false, cell.profiledProcess ?? "no process named")
        let peak = try XCTUnwrap(cell.phase("peak"))
        let large = try XCTUnwrap(peak.site("keep_large"), "\(peak.sites.map(\.site))")
        let small = try XCTUnwrap(peak.site("keep_small"), "\(peak.sites.map(\.site))")
        XCTAssertEqual(large.share, 0.75, accuracy: 0.05)
        XCTAssertEqual(small.share, 0.25, accuracy: 0.05)
        XCTAssertEqual(large.path.suffix(2), ["main", "keep_large"], "native frames as they are")
        // Nothing is freed before exit: the exit profile holds both too.
        let exit = try XCTUnwrap(cell.phase("exit"))
        XCTAssertEqual(try XCTUnwrap(exit.site("keep_large")).share, 0.75, accuracy: 0.05)

        // Only the measured glibc run is a result; the profiling run is in no figure or verdict.
        let results = try ResultsFile(path: folder.appendingPathComponent("results.jsonl").path).load().results
        XCTAssertEqual(results.map(\.allocator), ["glibc"])
        XCTAssertEqual(report.cells.map(\.key.allocator), ["glibc"])
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("## Where the memory came from (allocation sites)"))
        XCTAssertTrue(markdown.contains("Profiled process: two-sites"))
        let svg = try String(contentsOf: folder.appendingPathComponent(FlameGraph.fileName(cell)), encoding: .utf8)
        XCTAssertTrue(svg.contains("keep_large"))
    }

    func testAStaticBinaryIsSaidToBeUnprofilableAndTheSuiteStillEndsWell() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let failure = try unprofilableFailure(try compile(Self.knownSites, named: "static-sites", in: home, flags: ["-static"]), home: home)
        XCTAssertTrue(failure.contains("statically linked"), failure)
    }

    /// A program that takes its memory from mmap, as one with its own allocator does: jemalloc is
    /// loaded, yet only the libraries' start-up allocated through it.
    func testACommandThatNeverCallsMallocIsSaidToHaveNoMallocSites() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let program = try compile("""
            #include <string.h>
            #include <sys/mman.h>
            #include <unistd.h>
            int main(void) { char *p = mmap(0, 64 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0); memset(p, 1, 64 << 20); usleep(300000); return 0; }
            """, named: "mmap-only", in: home)
        let failure = try unprofilableFailure(program, home: home)
        XCTAssertTrue(failure.contains("allocated nothing through malloc"), failure)
    }

    /// Runs `bench exec --sites` on a command that cannot be profiled: the suite ends well, the
    /// measured run is untouched, the report says why there are no sites; the reason.
    func unprofilableFailure(_ program: String, home: URL) throws -> String {
        let (outcome, folder) = try benchExecSites(program, home: home)
        XCTAssertEqual(outcome.termination, .exited(0), String(decoding: outcome.stderr, as: UTF8.self))
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent("report.json")))
        let cell = try XCTUnwrap(report.sites?.first)
        XCTAssertTrue(cell.phases.isEmpty)
        XCTAssertEqual(report.runs.map(\.status), [.ok], "the measured run is untouched")
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("No sites: "), markdown)
        return try XCTUnwrap(cell.failure)
    }
}
