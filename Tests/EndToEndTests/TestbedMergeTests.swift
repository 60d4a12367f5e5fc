import Foundation
import XCTest
@testable import BenchModel
@testable import Reporting

/// Two real suites on two testbeds of this machine: one as it is, one under `taskset -c 0`
/// (one usable CPU: jemalloc makes 1 arena instead of 4 per CPU, so the fingerprint differs while
/// glibc's online count does not). Then `bench compare` across them, `bench merge` of both, and
/// the Bencher Metric Format export of one.
final class TestbedMergeTests: XCTestCase {
    nonisolated(unsafe) static var folders: (twoCPU: URL, oneCPU: URL)?
    nonisolated(unsafe) static var scratch: URL?
    static var bench: String { ReportCommandsTests.bench }

    override func setUpWithError() throws {
        try WorkerTestSupport.requireWorkers()
        guard FileManager.default.isExecutableFile(atPath: Self.bench) else {
            XCTFail("\(Self.bench) is missing: swift build --build-tests builds it")
            throw XCTSkip("no bench binary")
        }
        guard let taskset = Self.onPath("taskset") else {
            XCTFail("taskset is missing (util-linux): the one-CPU testbed needs it")
            throw XCTSkip("no taskset")
        }
        Self.taskset = taskset
        guard (CPUCounts.current().usable ?? 1) > 1 else { throw XCTSkip("one usable CPU already: taskset -c 0 changes nothing here") }
    }

    nonisolated(unsafe) static var taskset = "/usr/bin/taskset"

    override class func tearDown() {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
        super.tearDown()
    }

    static func onPath(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The two suites, run once for the class (caches at 2,000 lookups, glibc and jemalloc, 2 runs each).
    func suites() throws -> (twoCPU: URL, oneCPU: URL) {
        if let folders = Self.folders { return folders }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-testbeds-\(UUID().uuidString)")
        Self.scratch = scratch
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        func suite(_ name: String, pinned: Bool) throws -> URL {
            let out = scratch.appendingPathComponent("reports-\(name)")
            let arguments = ["run", "caches", "--size", "2000", "--runs", "2", "--max-runs", "2", "--allocators", "glibc,jemalloc-preload",
                             "--testbed", name, "--cache-dir", scratch.appendingPathComponent("cache").path, "--out", out.path, "--quiet",
                             "--export-bmf", scratch.appendingPathComponent("\(name).bmf.json").path]
            let outcome = pinned ? try ReportCommandsTests.run(Self.taskset, ["-c", "0", Self.bench] + arguments)
                : try ReportCommandsTests.run(Self.bench, arguments)
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            return out.appendingPathComponent("latest").resolvingSymlinksInPath()
        }
        let folders = (twoCPU: try suite("two-cpu", pinned: false), oneCPU: try suite("one-cpu", pinned: true))
        Self.folders = folders
        return folders
    }

    func report(_ folder: URL) throws -> Report {
        try ReportLoader.decode(try Data(contentsOf: folder.appendingPathComponent("report.json")), path: folder.path)
    }

    func testOneUsableCPUIsAnotherTestbedAndOnlyThatFieldDiffers() throws {
        let (two, one) = try suites()
        let a = try XCTUnwrap(try report(two).environment.testbed)
        let b = try XCTUnwrap(try report(one).environment.testbed)
        XCTAssertEqual(a.name, "two-cpu")
        XCTAssertEqual(b.name, "one-cpu")
        XCTAssertNotEqual(a.fingerprint, b.fingerprint)
        XCTAssertEqual(a.differingFields(from: b), ["usableCPUs"])
        XCTAssertEqual(b.fields["usableCPUs"], "1")
        // glibc's arena cap follows the online count, which taskset leaves alone.
        XCTAssertEqual(a.fields["onlineCPUs"], b.fields["onlineCPUs"])
        XCTAssertEqual(a.information["runId"], try report(two).runId)
        XCTAssertNil(a.fields["hostName"], "the host name is information, not fingerprinted")
    }

    func testCompareRefusesTestbedsUnlessAcrossTestbedsThenLabelsEveryLine() throws {
        let (two, one) = try suites()
        let arguments = ["compare", two.appendingPathComponent("report.json").path, one.appendingPathComponent("report.json").path]
        let refused = try ReportCommandsTests.run(Self.bench, arguments)
        XCTAssertEqual(refused.status, 3, refused.stdout + refused.stderr)
        let lines = refused.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("usableCPUs 2 vs 1"), refused.stderr)
        XCTAssertTrue(refused.stdout.isEmpty, "nothing compared without --across-testbeds")

        let across = try ReportCommandsTests.run(Self.bench, arguments + ["--across-testbeds"])
        XCTAssertTrue([0, 2].contains(across.status), across.stderr)
        let rows = across.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Scenario") && !$0.hasPrefix("| ---") }
        XCTAssertGreaterThan(rows.count, 0, across.stdout)
        for row in rows { XCTAssertTrue(row.hasPrefix("| cross-machine: "), String(row)) }
        XCTAssertTrue(across.stdout.contains("**Cross-machine:**"), across.stdout)
    }

    /// A report from before testbeds were recorded is compared, with a note that comparability
    /// is unknown, and refused by merge.
    func testAReportWithoutATestbedIsNotedByCompareAndRefusedByMerge() throws {
        let (two, one) = try suites()
        var document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: one.appendingPathComponent("report.json"))) as? [String: Any])
        var environment = try XCTUnwrap(document["environment"] as? [String: Any])
        environment["testbed"] = nil
        document["environment"] = environment
        let old = try XCTUnwrap(Self.scratch).appendingPathComponent("old-report.json")
        try JSONSerialization.data(withJSONObject: document).write(to: old)
        let compared = try ReportCommandsTests.run(Self.bench, ["compare", two.appendingPathComponent("report.json").path, old.path])
        XCTAssertTrue([0, 2].contains(compared.status), compared.stderr)
        XCTAssertTrue(compared.stdout.contains("head records no testbed"), compared.stdout)
        let merged = try ReportCommandsTests.run(Self.bench, ["merge", two.path, old.path, "--out", try XCTUnwrap(Self.scratch).appendingPathComponent("old-merge").path])
        XCTAssertEqual(merged.status, 3)
        XCTAssertTrue(merged.stderr.contains("records no testbed"), merged.stderr)
    }

    func testMergeLaysBothTestbedsSideBySideWithTheirOwnVerdicts() throws {
        let (two, one) = try suites()
        let out = try XCTUnwrap(Self.scratch).appendingPathComponent("merged")
        let summary = try XCTUnwrap(Self.scratch).appendingPathComponent("summary.md")
        let merged = try ReportCommandsTests.run(Self.bench, ["merge", two.path, one.appendingPathComponent("report.json").path,
                                                               "--out", out.path, "--export-markdown", summary.path])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        let document = try JSONDecoder().decode(MergedReport.self, from: Data(contentsOf: out.appendingPathComponent("report.json")))
        XCTAssertEqual(document.kind, "merged")
        XCTAssertEqual(document.testbeds.map(\.testbed.name), ["two-cpu", "one-cpu"])
        // Each testbed's verdicts are its own report's, unchanged.
        for (entry, folder) in zip(document.testbeds, [two, one]) {
            let own = try report(folder)
            XCTAssertEqual(entry.report.runId, own.runId)
            XCTAssertEqual(entry.report.comparisons.map(\.verdict), own.comparisons.map(\.verdict))
        }
        let caches = try XCTUnwrap(document.scenarios.first { $0.scenario == "caches" })
        let jemalloc = caches.rows.filter { $0.kind == .allocator && $0.candidateConfiguration == "jemalloc-preload" && $0.metric == .peak }
        XCTAssertEqual(jemalloc.count, 3, "one row per variant")
        for row in jemalloc {
            XCTAssertEqual(row.figures.count, 2)
            for (figure, entry) in zip(row.figures, document.testbeds) {
                let figure = try XCTUnwrap(figure)
                let own = try XCTUnwrap(entry.report.comparisons.first {
                    $0.kind == .allocator && $0.candidateVariant == row.candidateVariant && $0.candidateConfiguration == "jemalloc-preload" && $0.metric == .peak
                })
                XCTAssertEqual(figure.effectBytes, own.verdict.effect)
                XCTAssertEqual(figure.verdict, own.verdict.kind)
            }
        }
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("| Comparison | Size | Metric | two-cpu | one-cpu |"), markdown)
        XCTAssertTrue(markdown.contains("| usableCPUs | 2 | 1 |"), markdown)
        XCTAssertTrue(markdown.contains("![Peak RSS of caches per testbed](testbeds-caches.svg)"), markdown)
        let svg = try String(contentsOf: out.appendingPathComponent("testbeds-caches.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("two-cpu") && svg.contains("one-cpu"), "a group per testbed")
        XCTAssertTrue(try String(contentsOf: summary, encoding: .utf8).hasPrefix("# MemoryBench: 2 testbeds"))
        try validate(out.appendingPathComponent("report.json"))
    }

    func testMergeRefusesOneTestbedNameTwice() throws {
        let (two, _) = try suites()
        let outcome = try ReportCommandsTests.run(Self.bench, ["merge", two.path, two.path, "--out", try XCTUnwrap(Self.scratch).appendingPathComponent("twice").path])
        XCTAssertEqual(outcome.status, 3)
        XCTAssertTrue(outcome.stderr.contains("both testbed `two-cpu`"), outcome.stderr)
        XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr)
    }

    /// Bencher's published schema for BMF (https://bencher.dev/bmf.json), and the same shape
    /// checked by hand: benchmark → measure → {value, lower_value?, upper_value?}, numbers only,
    /// measure slugs within Bencher's 64 characters, and each interval around its value.
    func testBMFExportHasBenchersDocumentedShape() throws {
        _ = try suites()
        let file = try XCTUnwrap(Self.scratch).appendingPathComponent("two-cpu.bmf.json")
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var bounded = 0
        for (benchmark, measures) in document {
            let measures = try XCTUnwrap(measures as? [String: Any], benchmark)
            XCTAssertFalse(measures.isEmpty, benchmark)
            for (measure, metric) in measures {
                XCTAssertLessThanOrEqual(measure.count, BencherMetricFormatExporter.measureSlugLimit)
                XCTAssertTrue(measure.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "kebab-case slug: \(measure)")
                let metric = try XCTUnwrap(metric as? [String: Any])
                XCTAssertTrue(Set(metric.keys).isSubset(of: ["value", "lower_value", "upper_value"]), "\(metric.keys)")
                let value = try XCTUnwrap(metric["value"] as? Double, "\(benchmark) \(measure)")
                if let lower = metric["lower_value"] as? Double, let upper = metric["upper_value"] as? Double {
                    bounded += 1
                    XCTAssertLessThanOrEqual(lower, value + 1e-6)
                    XCTAssertGreaterThanOrEqual(upper, value - 1e-6)
                }
            }
        }
        // 2 configurations × 3 variants = 6 cells, plus the comparisons (which carry the bounds).
        XCTAssertGreaterThanOrEqual(document.keys.filter { $0.hasPrefix("caches/") && $0.hasSuffix("/2000") }.count, 6)
        XCTAssertGreaterThan(bounded, 0, "comparisons carry their verdict interval")
        let schema = try XCTUnwrap(Self.scratch).appendingPathComponent("bmf.schema.json")
        try Data(Self.bencherSchema.utf8).write(to: schema)
        try validate(file, schema: schema)
    }

    static let bencherSchema = """
        {"$id": "https://bencher.dev/bmf.json", "$schema": "http://json-schema.org/draft-07/schema", "type": "object",
         "patternProperties": {".+": {"type": "object", "patternProperties": {".+": {"type": "object",
           "properties": {"value": {"type": "number"}, "lower_value": {"type": "number"}, "upper_value": {"type": "number"}},
           "required": ["value"]}}}}}
        """

    /// Validates with python3's jsonschema: against a schema file, or with scripts/validate-report.py.
    func validate(_ file: URL, schema: URL? = nil) throws {
        guard let python = Self.onPath("python3") else {
            return XCTFail("python3 is not installed: the schema check needs python3 with jsonschema (scripts/install-deps.sh)")
        }
        let outcome: ReportCommandsTests.Outcome
        if let schema {
            let check = "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))); print('valid')"
            outcome = try ReportCommandsTests.run(python, ["-c", check, file.path, schema.path])
        } else {
            let script = ReportCommandsTests.repository.appendingPathComponent("scripts/validate-report.py").path
            outcome = try ReportCommandsTests.run(python, [script, file.path])
        }
        XCTAssertEqual(outcome.status, 0, "\(file.lastPathComponent) is not valid: \(outcome.stderr)")
    }
}
