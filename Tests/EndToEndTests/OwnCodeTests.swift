import Foundation
import XCTest
@testable import BenchModel
@testable import Reporting
@testable import Suite

/// "Measure your own code": the example package (Examples/own-code) with a `bench init`
/// scaffold added unchanged, built once in release against this checkout, then run by `bench`
/// with `--worker`: its scenarios are read from its catalog, run under glibc and
/// jemalloc-preload (every configuration proved), and reported like the built-in suite.
final class OwnCodeTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testExamplePackageAndInitScaffoldRunThroughTheirOwnWorkers() throws {
        try BenchProcess.requireBench()
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let package = home.appendingPathComponent("own-code")
        try copyExample(to: package)

        // bench init: the scaffold as written, the target lines as printed.
        let initialized = try BenchProcess.run(["init", "ScratchMemory", "--package-path", package.path], home: home)
        XCTAssertEqual(initialized.status, .exited(0), initialized.stderr)
        let main = package.appendingPathComponent("MemoryBenchmarks/ScratchMemory/main.swift")
        XCTAssertTrue(FileManager.default.fileExists(atPath: main.path))
        let target = try XCTUnwrap(Self.targetBlock(in: initialized.stdout), initialized.stdout)
        XCTAssertTrue(target.contains("path: \"MemoryBenchmarks/ScratchMemory\""))
        let manifest = package.appendingPathComponent("Package.swift")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        text = text.replacingOccurrences(of: "    targets: [\n", with: "    targets: [\n" + target + "\n")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let again = try BenchProcess.run(["init", "ScratchMemory", "--package-path", package.path], home: home)
        XCTAssertEqual(again.status, .exited(64), "init must not overwrite a benchmark")

        // The jemalloc-linked build first (as the plugin does), kept aside; then the plain one.
        let release = package.appendingPathComponent(".build/release")
        try build(package, linkerFlags: ["-ljemalloc"])
        let jemallocWorker = home.appendingPathComponent("OwnCodeBenchmarks-jemalloc").path
        try FileManager.default.copyItem(atPath: release.appendingPathComponent("OwnCodeBenchmarks").path, toPath: jemallocWorker)
        try build(package)
        let worker = release.appendingPathComponent("OwnCodeBenchmarks").path
        let reports = package.appendingPathComponent("Reports")

        let listed = try BenchProcess.run(["list", "--worker", worker], home: home)
        XCTAssertEqual(listed.status, .exited(0), listed.stderr)
        XCTAssertTrue(listed.stdout.contains("json-decoding") && listed.stdout.contains("data-writing"), listed.stdout)
        XCTAssertFalse(listed.stdout.contains("load-all-vs-batched"), "the built-in scenarios are not the worker's")

        let all = try BenchProcess.run(["all", "--quick", "--worker", worker, "--allocators", "glibc,jemalloc-preload,jemalloc-linked",
                                        "--out", reports.path, "--no-progress"], home: home, timeoutSeconds: 300)
        XCTAssertEqual(all.status, .exited(0), all.stderr)
        let report = try Self.latestReport(in: reports)
        XCTAssertEqual(report.scenarios.map(\.name), ["json-decoding", "data-writing"])
        let ok = report.runs.filter { $0.status == .ok }
        XCTAssertEqual(Set(ok.map { "\($0.scenario)/\($0.variant)/\($0.allocator)" }), [
            "json-decoding/decode-all/glibc", "json-decoding/decode-chunks/glibc",
            "json-decoding/decode-all/jemalloc-preload", "json-decoding/decode-chunks/jemalloc-preload",
            "data-writing/accumulate-data/glibc", "data-writing/filehandle/glibc",
            "data-writing/accumulate-data/jemalloc-preload", "data-writing/filehandle/jemalloc-preload",
        ])
        // Every run proved its allocator from inside, and the preflight proved each configuration.
        for run in ok { XCTAssertNotNil(run.verified, "\(run.cell) has no allocator proof") }
        XCTAssertEqual(Set(ok.compactMap { $0.verified?.kind }), [.glibc, .jemalloc])
        let preflights = Dictionary(uniqueKeysWithValues: report.environment.allocators.map { ($0.configuration.name, $0) })
        XCTAssertEqual(preflights["glibc"]?.outcome, .verified)
        XCTAssertEqual(preflights["jemalloc-preload"]?.outcome, .verified)
        XCTAssertEqual(preflights["jemalloc-linked"]?.outcome, .skipped)
        XCTAssertTrue(preflights["jemalloc-linked"]?.reason?.contains("--worker-jemalloc") == true)
        // Both variants did the same work, and every check is one they must agree on.
        for scenario in ["json-decoding", "data-writing"] {
            let checks = Set(ok.filter { $0.scenario == scenario }.compactMap { $0.record?.mustAgreeChecks })
            XCTAssertEqual(checks.count, 1, "\(scenario)'s variants disagree: \(checks)")
            XCTAssertEqual(checks.first?.isEmpty, false)
        }
        XCTAssertEqual(Set(ok.map { $0.record?.informationalChecks }), [[]])
        // The closure API's release phase is where what the phases returned is dropped: the whole
        // file's bytes (one large allocation, unmapped when freed under glibc) leave there.
        for run in ok where run.variant == "decode-all" && run.allocator == "glibc" {
            let release = try XCTUnwrap(run.record?.phase("release"))
            XCTAssertGreaterThan(release.startRssBytes - release.rssBytes, 1 << 20, "\(run.cell): release freed nothing")
        }
        // The catalog says what kind each comparison is (both are fixes of a pitfall).
        XCTAssertEqual(report.scenarios.flatMap { $0.comparisons ?? [] }.map(\.kind), [.fix, .fix])
        // The worker is named by path and digest.
        let recorded = try XCTUnwrap(report.environment.workers?.first)
        XCTAssertEqual(recorded.path, worker)
        XCTAssertTrue(recorded.ownWorker)
        XCTAssertEqual(recorded.sha256, SHA256.hex(ofFile: worker))
        // The measured code's build is the worker's (release here), whatever bench's own is.
        XCTAssertEqual(report.environment.buildConfiguration, "release")
        // The same tables and verdicts as the built-in suite.
        let markdown = try String(contentsOf: reports.appendingPathComponent("latest/report.md"), encoding: .utf8)
        for heading in ["## Verdicts", "## Findings", "## json-decoding, 20,000 orders", "## data-writing, 50,000 orders", "## Environment"] {
            XCTAssertTrue(markdown.contains(heading), "report.md lacks \(heading)")
        }
        XCTAssertTrue(markdown.contains("`decode-chunks` vs `decode-all`: peak"), "single runs: the fix shown, not judged: \(markdown)")
        let details = try String(contentsOf: reports.appendingPathComponent("latest/details.md"), encoding: .utf8)
        XCTAssertTrue(details.contains("Worker (own)"), "the environment table in details.md names the own worker")

        // With --worker-jemalloc, jemalloc-linked runs the user's target linked with jemalloc,
        // proved from inside, and the report names that binary.
        let linked = try BenchProcess.run(["run", "data-writing", "--size", "20k", "--worker", worker, "--worker-jemalloc", jemallocWorker,
                                           "--allocators", "jemalloc-linked", "--runs", "1", "--max-runs", "1",
                                           "--out", reports.path, "--no-progress"], home: home, timeoutSeconds: 300)
        XCTAssertEqual(linked.status, .exited(0), linked.stderr)
        let linkedReport = try Self.latestReport(in: reports)
        XCTAssertEqual(linkedReport.runs.map(\.status), [.ok, .ok])
        XCTAssertEqual(Set(linkedReport.runs.compactMap { $0.verified?.kind }), [.jemalloc])
        XCTAssertEqual(linkedReport.environment.allocators.first { $0.configuration.name == "jemalloc-linked" }?.outcome, .verified)
        XCTAssertEqual(linkedReport.environment.workers?.map(\.path), [jemallocWorker])
        XCTAssertEqual(linkedReport.environment.workers?.first?.sha256, SHA256.hex(ofFile: jemallocWorker))
        XCTAssertNotEqual(SHA256.hex(ofFile: jemallocWorker), SHA256.hex(ofFile: worker), "the two builds are the same binary")

        // The scaffold runs unchanged, through its own worker.
        let scratch = release.appendingPathComponent("ScratchMemory").path
        let run = try BenchProcess.run(["run", "scratch-memory", "--worker", scratch, "--allocators", "glibc", "--runs", "1",
                                        "--size", "20k", "--out", reports.path, "--no-progress"], home: home)
        XCTAssertEqual(run.status, .exited(0), run.stderr)
        let scaffold = try Self.latestReport(in: reports)
        XCTAssertEqual(scaffold.runs.map(\.status), [.ok, .ok])
        XCTAssertEqual(Set(scaffold.runs.map(\.variant)), ["collect-all", "streaming"])
    }

    /// Examples/own-code without its build folder, depending on this checkout by absolute path.
    func copyExample(to destination: URL) throws {
        let source = Self.root.appendingPathComponent("Examples/own-code")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        for item in ["Package.swift", "MemoryBenchmarks"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: destination.appendingPathComponent(item))
        }
        let manifest = destination.appendingPathComponent("Package.swift")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        XCTAssertTrue(text.contains("path: \"../..\""), "the example depends on MemoryBench by relative path")
        try text.replacingOccurrences(of: "path: \"../..\"", with: "path: \"\(Self.root.path)\"")
            .write(to: manifest, atomically: true, encoding: .utf8)
    }

    /// `swift build -c release` of the copy (resolving from the same mirror as this checkout),
    /// with extra linker flags when given.
    func build(_ package: URL, linkerFlags: [String] = []) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = environment["HOME"] ?? NSTemporaryDirectory()
        let swift = try XCTUnwrap(["/usr/bin/swift", "/usr/local/bin/swift"].first(where: FileManager.default.isExecutableFile(atPath:))
            ?? environment["PATH"]?.split(separator: ":").map { "\($0)/swift" }.first(where: FileManager.default.isExecutableFile(atPath:)),
            "no swift on PATH")
        let outcome = try ChildProcess(executable: swift, arguments: ["build", "-c", "release", "--package-path", package.path] + linkerFlags.flatMap { ["-Xlinker", $0] },
                                       environment: environment, timeoutSeconds: 600).run()
        XCTAssertEqual(outcome.termination, .exited(0), outcome.stderrTail(lines: 20) + String(decoding: outcome.stdout.suffix(3000), as: UTF8.self))
        guard outcome.termination == .exited(0) else { throw XCTSkip("the example package did not build") }
    }

    /// The `.executableTarget(…)` lines `bench init` printed.
    static func targetBlock(in output: String) -> String? {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.contains(".executableTarget(") }),
              let end = lines[start...].firstIndex(where: { $0.contains("path:") }) else { return nil }
        return lines[start...end].joined(separator: "\n")
    }

    static func latestReport(in reports: URL) throws -> Report {
        try JSONDecoder().decode(Report.self, from: Data(contentsOf: reports.appendingPathComponent("latest/report.json")))
    }
}
