import Foundation
import XCTest
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Doctor
@testable import Reporting

/// `bench compare`, `bench report` and the report schema through the real `bench` binary, on
/// one real suite (load-all-vs-batched at 2,000 rows, glibc, 2 runs per cell).
final class ReportCommandsTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var bench: String { "\(WorkerTestSupport.workers.directory)/bench" }
    nonisolated(unsafe) static var suiteFolder: URL?
    nonisolated(unsafe) static var scratch: URL?

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    override func setUpWithError() throws {
        try WorkerTestSupport.requireWorkers()
        guard FileManager.default.isExecutableFile(atPath: Self.bench) else {
            XCTFail("\(Self.bench) is missing: swift build --build-tests builds it")
            throw XCTSkip("no bench binary")
        }
    }

    override class func tearDown() {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
        super.tearDown()
    }

    /// The suite, run once for the whole class.
    func suite() throws -> URL {
        if let folder = Self.suiteFolder { return folder }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-reports-\(UUID().uuidString)")
        Self.scratch = scratch
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let outcome = try Self.run(Self.bench, ["run", "load-all-vs-batched", "--size", "2000", "--runs", "2", "--max-runs", "2", "--allocators", "glibc",
                                                "--cache-dir", scratch.appendingPathComponent("cache").path,
                                                "--out", scratch.appendingPathComponent("reports").path, "--quiet",
                                                "--export-github-benchmark", scratch.appendingPathComponent("gh.json").path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let folder = scratch.appendingPathComponent("reports/latest").resolvingSymlinksInPath()
        Self.suiteFolder = folder
        return folder
    }

    func copyOfSuite(_ name: String) throws -> URL {
        let copy = try XCTUnwrap(Self.scratch).appendingPathComponent(name)
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: try suite(), to: copy)
        return copy
    }

    func testWrittenReportValidatesAgainstTheCommittedSchema() throws {
        let report = try suite().appendingPathComponent("report.json")
        // The python3 on PATH, as scripts/install-deps.sh uses it.
        let python = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/python3" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else {
            return XCTFail("python3 is not installed: the schema test needs python3 with jsonschema (scripts/install-deps.sh)")
        }
        let script = Self.repository.appendingPathComponent("scripts/validate-report.py").path
        let valid = try Self.run(python, [script, report.path])
        XCTAssertEqual(valid.status, 0, "report.json does not match Reports/schema/report.schema.json: \(valid.stderr)")
        // The validator is not a rubber stamp: a wrong type is caught.
        var document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        document["plannedRuns"] = "six"
        let broken = try XCTUnwrap(Self.scratch).appendingPathComponent("broken.json")
        try JSONSerialization.data(withJSONObject: document).write(to: broken)
        let invalid = try Self.run(python, [script, broken.path])
        XCTAssertEqual(invalid.status, 1, invalid.stdout + invalid.stderr)
        XCTAssertTrue(invalid.stderr.contains("plannedRuns"), invalid.stderr)
        // The charts beside it are well-formed and the github-benchmark export has 3 entries per cell.
        let entries = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: XCTUnwrap(Self.scratch).appendingPathComponent("gh.json"))) as? [[String: Any]])
        XCTAssertEqual(entries.count, 3 * 3)
    }

    func testChartsRenderToPNGWithARealSVGRenderer() throws {
        let renderer = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/rsvg-convert" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let renderer else { throw XCTSkip("rsvg-convert (librsvg2-bin, optional in scripts/install-deps.sh) is not installed") }
        let folder = try suite()
        let charts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".svg") }.sorted()
        XCTAssertEqual(charts, ["bars-load-all-vs-batched-2000.svg", "rss-load-all-vs-batched-2000.svg"])
        for chart in charts {
            let png = try XCTUnwrap(Self.scratch).appendingPathComponent(chart + ".png")
            let outcome = try Self.run(renderer, ["-w", "800", folder.appendingPathComponent(chart).path, "-o", png.path])
            XCTAssertEqual(outcome.status, 0, "\(chart): \(outcome.stderr)")
            let data = try Data(contentsOf: png)
            XCTAssertEqual(Array(data.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(chart) rendered to a PNG")
            XCTAssertGreaterThan(data.count, 10_000, "\(chart): a chart, not an empty canvas")
        }
    }

    /// A report against itself: no regression and exit 0; each cell within noise or, where two
    /// runs spread wider than the margin, undecided (issue 23: never "no difference" by default).
    func testCompareAgainstItselfFindsNoRegressionAndExitsZero() throws {
        let report = try suite().appendingPathComponent("report.json").path
        let outcome = try Self.run(Self.bench, ["compare", report, report])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("| Scenario | Variant | Allocator |"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("**0 regression(s)**, 0 improvement(s), 0 below threshold, "), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains(", 0 not judged, of 3 cell(s)."), outcome.stdout)
        XCTAssertFalse(outcome.stdout.contains("| regression |") || outcome.stdout.contains("| improvement |"), outcome.stdout)
    }

    /// A copy of the report with every load-all peak figure (the cells' summaries and the runs'
    /// phase peaks over their baselines) scaled by `factor`.
    func doctored(_ factor: Double, name: String) throws -> String {
        let source = try suite().appendingPathComponent("report.json")
        var document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any])
        var cells = try XCTUnwrap(document["cells"] as? [[String: Any]])
        for index in cells.indices where (cells[index]["key"] as? [String: Any])?["variant"] as? String == "load-all" {
            var peak = try XCTUnwrap(cells[index]["peakOverBaselineBytes"] as? [String: Any])
            for field in ["median", "min", "max"] { peak[field] = try XCTUnwrap(peak[field] as? Double) * factor }
            cells[index]["peakOverBaselineBytes"] = peak
        }
        document["cells"] = cells
        var runs = try XCTUnwrap(document["runs"] as? [[String: Any]])
        for index in runs.indices where runs[index]["variant"] as? String == "load-all" {
            guard var record = runs[index]["record"] as? [String: Any] else { continue }
            let baseline = try XCTUnwrap(((record["baseline"] as? [String: Any])?["status"] as? [String: Any])?["rssBytes"] as? Double)
            var phases = try XCTUnwrap(record["phases"] as? [[String: Any]])
            for phase in phases.indices {
                let peak = try XCTUnwrap(phases[phase]["peakBytes"] as? Double)
                phases[phase]["peakBytes"] = Int(baseline + (peak - baseline) * factor)
            }
            record["phases"] = phases
            runs[index]["record"] = record
        }
        document["runs"] = runs
        let url = try XCTUnwrap(Self.scratch).appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: document).write(to: url)
        return url.path
    }

    func testCompareExitsTwoOnARegressionAndZeroOnAnImprovement() throws {
        let base = try suite().appendingPathComponent("report.json").path
        let worse = try doctored(3, name: "worse.json")
        let regression = try Self.run(Self.bench, ["compare", base, worse, "--threshold", "5%"])
        XCTAssertEqual(regression.status, 2, regression.stdout + regression.stderr)
        XCTAssertTrue(regression.stdout.contains("**regression**"), regression.stdout)
        XCTAssertEqual(regression.stderr.split(separator: "\n").count, 1, regression.stderr)
        let improvement = try Self.run(Self.bench, ["compare", worse, base])
        XCTAssertEqual(improvement.status, 0, improvement.stderr)
        XCTAssertTrue(improvement.stdout.contains("| improvement | "), improvement.stdout)
    }

    func testCompareExitsThreeWithOneLineOnBadInput() throws {
        let base = try suite().appendingPathComponent("report.json").path
        let scratch = try XCTUnwrap(Self.scratch)
        var newer = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base))) as? [String: Any])
        newer["schemaVersion"] = 99
        let newerPath = scratch.appendingPathComponent("newer.json")
        try JSONSerialization.data(withJSONObject: newer).write(to: newerPath)
        var versionOne = newer
        versionOne["schemaVersion"] = 1
        let versionOnePath = scratch.appendingPathComponent("version-one.json")
        try JSONSerialization.data(withJSONObject: versionOne).write(to: versionOnePath)
        var elsewhere = newer
        elsewhere["schemaVersion"] = Report.currentSchemaVersion
        elsewhere["cells"] = (newer["cells"] as? [[String: Any]] ?? []).map { cell -> [String: Any] in
            var cell = cell
            var key = cell["key"] as? [String: Any] ?? [:]
            key["size"] = 999_999
            cell["key"] = key
            return cell
        }
        let elsewherePath = scratch.appendingPathComponent("elsewhere.json")
        try JSONSerialization.data(withJSONObject: elsewhere).write(to: elsewherePath)
        let notJSON = scratch.appendingPathComponent("not.json")
        try Data("hello".utf8).write(to: notJSON)
        for (head, expected) in [(scratch.appendingPathComponent("missing.json").path, "cannot read"),
                                 (newerPath.path, "schemaVersion 99; this bench reads up to"),
                                 (versionOnePath.path, "schemaVersion 1, which this bench no longer reads: re-render it with `bench report \(scratch.path)`"),
                                 (elsewherePath.path, "no cell in common"), (notJSON.path, "not JSON")] {
            let outcome = try Self.run(Self.bench, ["compare", base, head])
            XCTAssertEqual(outcome.status, 3, "\(head): \(outcome.stderr)")
            XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains(expected), outcome.stderr)
        }
        let usage = try Self.run(Self.bench, ["compare", base, base, "--metric", "speed"])
        XCTAssertEqual(usage.status, 64, usage.stderr)
        // An export path that cannot be written is refused before any run starts.
        let export = try Self.run(Self.bench, ["run", "load-all-vs-batched", "--export-json", "/nonexistent-folder/report.json"])
        XCTAssertEqual(export.status, 64, export.stderr)
        XCTAssertTrue(export.stderr.contains("not a writable folder"), export.stderr)
    }

    func testReportReRendersAnInterruptedSuiteFromItsResultsWithTheRecordedEnvironment() throws {
        let folder = try copyOfSuite("interrupted")
        let original = try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent("report.json")))
        // Keep the first 3 of 6 runs, as if the suite had been stopped, and drop what it wrote at the end.
        let results = folder.appendingPathComponent("results.jsonl")
        let lines = try String(contentsOf: results, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 6)
        try (lines.prefix(3).joined(separator: "\n") + "\n").write(to: results, atomically: true, encoding: .utf8)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasPrefix("report.") || name.hasSuffix(".svg") {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let outcome = try Self.run(Self.bench, ["report", folder.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent("report.json")))
        XCTAssertEqual(report.runs.count, 3)
        XCTAssertTrue(report.partial)
        XCTAssertEqual(report.plannedRuns, 6)
        XCTAssertEqual(report.environment.kernel, original.environment.kernel)
        XCTAssertEqual(report.environment.commandLine, original.environment.commandLine, "the command is the suite's, not `bench report`'s")
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("Partial report"), markdown)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("rss-load-all-vs-batched-2000.svg").path))
        XCTAssertTrue(markdown.contains("](rss-load-all-vs-batched-2000.svg)"))

        // Without environment.json nothing is borrowed from this machine: the report says unknown.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("environment.json"))
        let bare = try Self.run(Self.bench, ["report", folder.appendingPathComponent("results.jsonl").path])
        XCTAssertEqual(bare.status, 0, bare.stderr)
        XCTAssertTrue(bare.stderr.contains("no environment.json"), bare.stderr)
        let unknown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(unknown.contains("cores unknown"), unknown)
        let unknownDetails = try String(contentsOf: folder.appendingPathComponent("details.md"), encoding: .utf8)
        XCTAssertTrue(unknownDetails.contains("| Kernel | unknown (unknown) |"), unknownDetails)

        let missing = try Self.run(Self.bench, ["report", folder.appendingPathComponent("nowhere").path])
        XCTAssertEqual(missing.status, 3)
        XCTAssertEqual(missing.stderr.split(separator: "\n").count, 1, missing.stderr)
    }
}
