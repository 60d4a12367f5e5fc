import Foundation
import XCTest
@testable import BenchModel
@testable import Reporting
@testable import Suite

/// The gates a suite is held to, through the real `bench` and worker: variants that did
/// different work (the hidden `gates` scenario with `--param differ=1`), budgets exceeded, met
/// and within noise, and named baselines. `gates` holds 16 MiB (`single`) and 32 MiB
/// (`double`) in phase `hold` and frees them in `release`.
final class GatesTests: XCTestCase {
    var home: URL!

    override func setUpWithError() throws {
        try BenchProcess.requireBench()
        home = try WorkerTestSupport.temporaryDirectory(self)
    }

    /// `bench run gates` under glibc, three runs a cell, reports in HOME/Reports.
    func runGates(_ extra: [String]) throws -> BenchProcess.Result {
        try BenchProcess.run(["run", "gates", "--allocators", "glibc", "--runs", "3", "--max-runs", "3",
                              "--out", home.appendingPathComponent("Reports").path, "--no-progress"] + extra, home: home)
    }

    var latest: URL { home.appendingPathComponent("Reports/latest") }

    func latestReport() throws -> Report {
        try JSONDecoder().decode(Report.self, from: Data(contentsOf: latest.appendingPathComponent("report.json")))
    }

    /// report.md up to its findings: what a reader sees first.
    func firstScreen() throws -> String {
        let markdown = try String(contentsOf: latest.appendingPathComponent("report.md"), encoding: .utf8)
        return markdown.components(separatedBy: "## Findings").first ?? markdown
    }

    func testVariantsThatDidDifferentWorkAreNotComparedAndTheSuiteExitsOne() throws {
        let line = "gates: `double` and `single` did different work at 16 MiB: units 17 vs 16; no verdict is made between them."
        let different = try runGates(["--param", "differ=1"])
        XCTAssertEqual(different.status, .exited(1), different.stderr)
        XCTAssertTrue(different.stderrLines.contains("bench: \(line)"), different.stderr)
        let screen = try firstScreen()
        XCTAssertTrue(screen.contains("> - \(line)"), screen)
        let report = try latestReport()
        XCTAssertEqual(report.differentWork.map(\.variants), [["double", "single"]])
        XCTAssertEqual(report.runs.filter { $0.status == .ok }.count, 6, "every run succeeded: only the comparison is refused")
        XCTAssertTrue(report.comparisons.filter { $0.kind == .fix }.isEmpty)
        // The same work (and a check recorded informational that differs: touchedBytes) compares.
        let same = try runGates([])
        XCTAssertEqual(same.status, .exited(0), same.stderr)
        let compared = try latestReport()
        XCTAssertTrue(compared.differentWork.isEmpty)
        XCTAssertEqual(compared.comparisons.filter { $0.kind == .fix && $0.metric == .peak }.map(\.verdict.kind), [.beyondNoise])
        XCTAssertEqual(Set(compared.runs.compactMap { $0.record?.informationalChecks }), [["touchedBytes"]])
    }

    func testABudgetExceededByFarExitsTwoAndIsNamedOnTheFirstScreen() throws {
        let exceeded = try runGates(["--budget", "gates/double peak<=8MiB"])
        XCTAssertEqual(exceeded.status, .exited(2), exceeded.stderr)
        XCTAssertTrue(exceeded.stderrLines.contains { $0.hasPrefix("bench: budget exceeded: gates/double, 16 MiB, peak ≤ 8 MiB under glibc: +32.") }, exceeded.stderr)
        let screen = try firstScreen()
        XCTAssertTrue(screen.contains("- gates `double`, 16 MiB, peak ≤ 8 MiB: **exceeded** under glibc (+32."), screen)
        let report = try latestReport()
        let check = try XCTUnwrap(report.budgets.first { $0.variant == "double" })
        XCTAssertEqual(check.verdict, .exceeded)
        XCTAssertEqual(check.limit, 8 << 20)
        XCTAssertGreaterThan(check.median ?? 0, Double(32 << 20))
        // The code's own budget (peak ≤ 1 GiB for every variant) still holds for `single`.
        XCTAssertEqual(report.budgets.first { $0.variant == "single" }?.verdict, .met)
        XCTAssertEqual(report.budgets.first { $0.variant == "single" }?.limit, 1 << 30)
    }

    func testBudgetsMetOrWithinNoiseOfTheFigureExitZeroAndSurviveARerender() throws {
        // `single` peaks at +16 MiB and a few KiB: a 16 MiB budget is within noise of it
        // (neither beyond the 1 MiB floor nor under the limit by the 1 MiB margin).
        let run = try runGates(["--budget", "gates/single peak<=16MiB afterRelease<=4MiB", "--budget", "gates/double peak<=64MiB"])
        XCTAssertEqual(run.status, .exited(0), run.stderr)
        let verdicts = { (report: Report) in report.budgets.map { "\($0.variant) \($0.metric.rawValue) \($0.verdict.rawValue)" } }
        let report = try latestReport()
        XCTAssertEqual(verdicts(report), ["double peak met", "single peak undecided", "single afterRelease met"])
        let screen = try firstScreen()
        XCTAssertTrue(screen.contains("- gates `single`, 16 MiB, peak ≤ 16 MiB: *undecided* under glibc (+16.0 MiB"), screen)
        XCTAssertTrue(screen.contains("- gates `double`, 16 MiB, peak ≤ 64 MiB: met under glibc (+32.0 MiB"), screen)
        // bench report rebuilds the folder with the budgets the suite was given.
        let rerendered = try BenchProcess.run(["report", latest.path], home: home)
        XCTAssertEqual(rerendered.status, .exited(0), rerendered.stderr)
        XCTAssertEqual(verdicts(try latestReport()), verdicts(report))
    }

    func testABudgetForWhatTheSuiteDoesNotRunIsOneLine() throws {
        for (budget, message) in [("caches peak<=1MiB", "bench: --budget for caches: this suite does not run it (it runs gates)"),
                                  ("gates/triple peak<=1MiB", "bench: --budget for gates/triple: no such variant; gates has double, single"),
                                  ("nope peak<=1MiB", "bench: --budget for nope: no such scenario; known: ")] {
            let refused = try runGates(["--budget", budget])
            XCTAssertEqual(refused.status, .exited(64), budget)
            XCTAssertEqual(refused.stderrLines.count, 1, refused.stderr)
            XCTAssertTrue(refused.stderr.hasPrefix(message), refused.stderr)
        }
    }

    func testBenchExecTakesBudgetsToo() throws {
        let python = try XCTUnwrap(["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile(atPath:)),
                                   "python3 is installed by scripts/install-deps.sh")
        let run = try BenchProcess.run(["exec", "--name", "bytes64", "--runs", "2", "--allocators", "glibc", "--budget", "bytes64 peak<=8MiB",
                                        "--out", home.appendingPathComponent("Reports").path, "--no-progress",
                                        "--", python, "-c", "b = bytearray(64 << 20)"], home: home)
        XCTAssertEqual(run.status, .exited(2), run.stderr)
        XCTAssertEqual(try latestReport().budgets.map(\.verdict), [.exceeded])
        let refused = try BenchProcess.run(["exec", "--name", "bytes64", "--budget", "other peak<=8MiB", "--", python, "-c", "pass"], home: home)
        XCTAssertEqual(refused.status, .exited(64))
        XCTAssertEqual(refused.stderrLines, ["bench: --budget for other: this command's scenario is bytes64 (--name sets it)"])
    }

    func testBaselineSaveThenCheckPassesAndAFiftyPercentPeakFails() throws {
        let package = home.path
        XCTAssertEqual(try runGates([]).status, .exited(0))
        let saved = try BenchProcess.run(["baseline", "save", "main", "--package-path", package], home: home)
        XCTAssertEqual(saved.status, .exited(0), saved.stderr)
        XCTAssertTrue(saved.stdout.hasPrefix("Saved baseline main: run "), saved.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: home.appendingPathComponent(".memorybench/baselines/main/report.json").path))
        let listed = try BenchProcess.run(["baseline", "list", "--package-path", package], home: home)
        XCTAssertTrue(listed.stdout.contains("  main: run "), listed.stdout)

        // The same code again: no regression.
        XCTAssertEqual(try runGates([]).status, .exited(0))
        let check = try BenchProcess.run(["baseline", "check", "main", "--package-path", package], home: home)
        XCTAssertEqual(check.status, .exited(0), check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("**0 regression(s)**"), check.stdout)

        // The same runs with every peak 50 % higher over its baseline: a regression in each cell.
        let doctored = home.appendingPathComponent("doctored")
        try FileManager.default.copyItem(at: latest.resolvingSymlinksInPath(), to: doctored)
        try raisePeaks(in: doctored.appendingPathComponent("results.jsonl"), by: 1.5)
        XCTAssertEqual(try BenchProcess.run(["report", doctored.path], home: home).status, .exited(0))
        let failed = try BenchProcess.run(["baseline", "check", "main", doctored.path, "--package-path", package], home: home)
        XCTAssertEqual(failed.status, .exited(2), failed.stdout + failed.stderr)
        XCTAssertEqual(failed.stdout.components(separatedBy: "| **regression** |").count - 1, 2, failed.stdout)
        XCTAssertTrue(failed.stderrLines.contains("bench baseline check: 2 regression(s) beyond 5 % in peak RSS over baseline"), failed.stderr)
        // compare prints the same table and does not gate.
        let compared = try BenchProcess.run(["baseline", "compare", "main", doctored.path, "--package-path", package], home: home)
        XCTAssertEqual(compared.status, .exited(0), compared.stderr)
        XCTAssertTrue(compared.stdout.contains("**2 regression(s)**"), compared.stdout)

        // Another testbed's report is refused, as bench compare refuses it.
        let elsewhere = home.appendingPathComponent("elsewhere.json")
        try otherTestbed(latest.appendingPathComponent("report.json"), to: elsewhere)
        let refused = try BenchProcess.run(["baseline", "check", "main", elsewhere.path, "--package-path", package], home: home)
        XCTAssertEqual(refused.status, .exited(3), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("are different testbeds"), refused.stderr)
        let missing = try BenchProcess.run(["baseline", "check", "release-1", "--package-path", package], home: home)
        XCTAssertEqual(missing.status, .exited(3))
        XCTAssertEqual(missing.stderrLines, ["bench baseline check: no baseline named release-1: saved: main; save one with bench baseline save release-1"])
    }

    /// Every phase peak of every run in results.jsonl raised to `factor` × its height over the baseline.
    func raisePeaks(in results: URL, by factor: Double) throws {
        let lines = try String(contentsOf: results, encoding: .utf8).split(separator: "\n")
        let raised = try lines.map { line -> String in
            var run = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            var record = try XCTUnwrap(run["record"] as? [String: Any])
            let baseline = try XCTUnwrap((record["baseline"] as? [String: Any])?["status"] as? [String: Any])["rssBytes"] as? Int
            let phases = try XCTUnwrap(record["phases"] as? [[String: Any]])
            record["phases"] = try phases.map { phase in
                var phase = phase
                let peak = try XCTUnwrap(phase["peakBytes"] as? Int), base = try XCTUnwrap(baseline)
                phase["peakBytes"] = base + Int(Double(peak - base) * factor)
                return phase
            }
            run["record"] = record
            return String(decoding: try JSONSerialization.data(withJSONObject: run), as: UTF8.self)
        }
        XCTAssertEqual(raised.count, 6)
        try (raised.joined(separator: "\n") + "\n").write(to: results, atomically: true, encoding: .utf8)
    }

    /// The report with another testbed fingerprint (as a report of another machine has).
    func otherTestbed(_ report: URL, to destination: URL) throws {
        var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        var environment = try XCTUnwrap(object["environment"] as? [String: Any])
        var testbed = try XCTUnwrap(environment["testbed"] as? [String: Any])
        testbed["fingerprint"] = String(repeating: "0", count: 64)
        var fields = try XCTUnwrap(testbed["fields"] as? [String: Any])
        fields["onlineCPUs"] = "64"
        testbed["fields"] = fields
        environment["testbed"] = testbed
        object["environment"] = environment
        try JSONSerialization.data(withJSONObject: object).write(to: destination)
    }
}
