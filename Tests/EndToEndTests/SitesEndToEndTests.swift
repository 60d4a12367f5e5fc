import Foundation
import XCTest
@testable import BenchModel
@testable import Reporting
@testable import Suite

/// `bench run --sites` with the real worker, jemalloc's profiler and jeprof: the known-site
/// program's two functions come out with their shares, and the profiling run stays out of
/// every measured figure.
final class SitesEndToEndTests: XCTestCase {
    override func setUpWithError() throws { try Self.requireBenchAndJeprof() }

    /// The bench binary (a failure without it) and jeprof (a skip without it).
    static func requireBenchAndJeprof() throws {
        try BenchProcess.requireBench()
        guard ExecutableSearch.find("jeprof", path: nil) != nil else { throw XCTSkip("jeprof is not installed (libjemalloc-dev)") }
    }

    /// `bench` with the test's own PATH, so that swift-demangle (the toolchain's) is found.
    func bench(_ arguments: [String], home: URL) throws -> ChildProcess.Outcome {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let child = ChildProcess(executable: BenchProcess.path, arguments: arguments,
                                 environment: ["PATH": path, "HOME": home.path, "LANG": "C.UTF-8"], timeoutSeconds: 300)
        return try child.run()
    }

    func testKnownSitesComeOutWithTheirSharesAndTheProfilingRunIsInNoFigure() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let out = home.appendingPathComponent("reports")
        let outcome = try bench(["run", "known-sites", "--sites", "--allocators", "glibc", "--runs", "2", "--max-runs", "2",
                                 "--cache-dir", home.appendingPathComponent("cache").path, "--out", out.path, "--no-progress"], home: home)
        let stderr = String(decoding: outcome.stderr, as: UTF8.self)
        XCTAssertEqual(outcome.termination, .exited(0), stderr)
        let folder = out.appendingPathComponent(try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasPrefix("20") }))
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent("report.json")))

        // 64 MiB from knownSiteLarge, 16 MiB from knownSiteSmall: 80 % and 20 % within 5 points.
        let cell = try XCTUnwrap(report.sites?.first)
        XCTAssertNil(cell.failure)
        XCTAssertEqual(cell.profiledUnder, "jemalloc-preload+sites", "glibc was measured; the sites say they were taken under jemalloc")
        XCTAssertEqual(cell.peakPhase, "hold")
        let hold = try XCTUnwrap(cell.phase("hold"))
        let large = try XCTUnwrap(hold.sites.first { $0.site.hasPrefix("knownSiteLarge") }, "\(hold.sites.map(\.site))")
        let small = try XCTUnwrap(hold.sites.first { $0.site.hasPrefix("knownSiteSmall") }, "\(hold.sites.map(\.site))")
        XCTAssertEqual(large.share, 0.80, accuracy: 0.05)
        XCTAssertEqual(small.share, 0.20, accuracy: 0.05)
        XCTAssertEqual(hold.sites.first?.site, large.site)
        XCTAssertEqual(large.path.first, "KnownSitesCalibration.run(variant:context:)", "the first frame is the workload's")
        // The profile's estimate against jemalloc's own count at the same moment: within 10 %.
        let allocated = Double(try XCTUnwrap(hold.allocatorLiveBytes))
        XCTAssertEqual(Double(hold.sampledLiveBytes) / allocated, 1, accuracy: 0.10)

        // The profiling run is in no result, figure or verdict: only the two glibc runs are.
        let results = try ResultsFile(path: folder.appendingPathComponent("results.jsonl").path).load().results
        XCTAssertEqual(results.map(\.allocator), ["glibc", "glibc"])
        XCTAssertEqual(report.runs.map(\.allocator), ["glibc", "glibc"])
        XCTAssertEqual(report.cells.map(\.key.allocator), ["glibc"])
        XCTAssertEqual(report.cells.first?.okRuns, 2)
        XCTAssertFalse(report.comparisons.contains { $0.referenceConfiguration.contains("+sites") || $0.candidateConfiguration.contains("+sites") })

        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("## Where the memory came from (allocation sites)"))
        let svg = try String(contentsOf: folder.appendingPathComponent(FlameGraph.fileName(cell)), encoding: .utf8)
        XCTAssertTrue(svg.contains("knownSiteLarge(mebibytes:into:)"))

        // `bench report` re-renders the folder with its sites.
        let rerendered = try ReportRerender.rerender(folder.path)
        XCTAssertEqual(rerendered.report.sites, report.sites)
    }

    /// A suite started with --sites and interrupted profiles the sites when it is resumed: its
    /// suite.json records the sample, and `--resume` (which takes no suite options) reads it.
    func testAResumedSuiteProfilesTheSitesItWasStartedWith() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let out = home.appendingPathComponent("reports")
        let first = try bench(["run", "known-sites", "--sites", "--sites-sample", "17", "--allocators", "glibc", "--runs", "2", "--max-runs", "2",
                               "--cache-dir", home.appendingPathComponent("cache").path, "--out", out.path, "--no-progress"], home: home)
        XCTAssertEqual(first.termination, .exited(0), String(decoding: first.stderr, as: UTF8.self))
        let folder = RunFolder(out.appendingPathComponent(try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasPrefix("20") })))
        let plan = try JSONDecoder().decode(SuiteFile.self, from: Data(contentsOf: folder.file(RunFolder.suiteFileName)))
        XCTAssertEqual(plan.sitesSampleLog2Bytes, 17)
        // As if interrupted before its last run and its profiling: one result and no sites left.
        let lines = try String(contentsOf: folder.resultsURL, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        try (lines[0] + "\n").write(to: folder.resultsURL, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.file(RunFolder.sitesFileName))
        let resumed = try bench(["all", "--resume", folder.url.path, "--no-progress"], home: home)
        XCTAssertEqual(resumed.termination, .exited(0), String(decoding: resumed.stderr, as: UTF8.self))
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.reportJSON))
        XCTAssertEqual(report.runs.count, 2)
        XCTAssertEqual(report.sites?.first?.failure, nil)
        XCTAssertEqual(report.sites?.count, 1, "the resumed suite profiled its cell's sites again")
    }

    func testSitesSampleOutOfRangeIsOneLine() throws {
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let outcome = try bench(["run", "known-sites", "--sites", "--sites-sample", "40", "--out", home.path], home: home)
        XCTAssertEqual(outcome.termination, .exited(64))
        XCTAssertTrue(String(decoding: outcome.stderr, as: UTF8.self).contains("--sites-sample must be from 10 to 30"))
    }
}
