import XCTest
import Scenarios
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Reporting

/// The soak's creep line, findings and report section, from synthetic `server-soak` runs.
final class SoakReportTests: XCTestCase {
    static let mib = 1_048_576

    /// One run: RSS `levelMiB` at the first slice, rising `bytesPerRequest` with the 4,000
    /// requests of each slice, with a ±`wobble` zigzag.
    func soakRun(_ allocator: String, repetition: Int, levelMiB: Double, bytesPerRequest: Double, wobble: Int) -> RunResult {
        let base = 20 * Self.mib
        func phase(_ name: String, rss: Int) -> PhaseRecord {
            PhaseRecord(name: name, startSeconds: 0, wallSeconds: 0.1, cpuSeconds: 0.1, startRssBytes: base, rssBytes: rss,
                        rssAnonBytes: nil, rssFileBytes: nil, swapBytes: nil, peakBytes: rss, sampledPeakBytes: rss,
                        allocatorStats: nil, note: nil)
        }
        let level = Int(levelMiB * Double(Self.mib))
        var phases = [phase("warm-up", rss: level - 8 * Self.mib)]
        var checks = ["steadyRequests": 40_000, "requestsPerSecond": 20_000]
        for slice in 1...SteadyWindow.slices {
            let requests = 4_000 * slice
            let zigzag = (slice + repetition) % 2 == 0 ? wobble : -wobble
            phases.append(phase(SteadyWindow.phase(slice), rss: level + Int(bytesPerRequest * Double(requests)) + zigzag))
            checks[SteadyWindow.requestsCheck(slice)] = requests
        }
        phases += ["drain", "settle", "trim"].map { phase($0, rss: level) }
        let kind: AllocatorKind = allocator.hasPrefix("jemalloc") ? .jemalloc : .glibc
        let record = WorkerRecord(
            schemaVersion: 1, scenario: "server-soak", variant: "threaded", size: 40_000, pid: 1,
            allocator: AllocatorIdentity(kind: kind, version: nil, mallocProvider: "", mappedLibraries: [], evidence: []),
            peakMethod: .clearRefs, peakMethodNote: nil,
            baseline: PhaseSnapshot(status: ProcStatus(rssBytes: base, hwmBytes: base), allocatorStats: nil),
            phases: phases, series: RssSeries(requestedIntervalMs: 1, effectiveIntervalMs: 1, samples: [(0, base)], maxPoints: 10),
            checks: checks)
        return RunResult(schemaVersion: 1, index: 0, scenario: "server-soak", variant: "threaded", allocator: allocator, size: 40_000,
                         repetition: repetition, status: .ok, reason: nil,
                         configuration: AllocatorConfiguration(name: allocator, summary: "", expectedKind: kind),
                         environment: [:], verified: .init(kind: kind, version: nil, proof: "test"),
                         process: nil, record: record, stderrTail: nil)
    }

    func testGlibcCreepsTheArenaLimitIsFlatAndLowerAndTheReportSaysSo() throws {
        var results: [RunResult] = []
        for repetition in 1...3 {
            // glibc: +100 bytes a request (≈ 3.4 MiB over the window); the limit: flat, 30 MiB lower.
            results.append(soakRun("glibc", repetition: repetition, levelMiB: 100 + Double(repetition), bytesPerRequest: 100, wobble: 20_000))
            results.append(soakRun("glibc-arenas-2", repetition: repetition, levelMiB: 70 + Double(repetition), bytesPerRequest: 0, wobble: 20_000))
        }
        let report = ReportBuilder.build(runId: "t", results: results, plannedRuns: results.count, elapsedSeconds: 1,
                                         environment: MachineFacts.collect(commandLine: "bench test", buildConfiguration: "debug", allocators: []),
                                         allocatorOrder: ["glibc", "glibc-arenas-2"], scenarios: ScenarioCatalog.description.scenarios)
        let lines = report.creepLines()
        let glibc = try XCTUnwrap(lines.first { $0.allocator == "glibc" })
        let limited = try XCTUnwrap(lines.first { $0.allocator == "glibc-arenas-2" })
        XCTAssertEqual(glibc.verdictWord, "creeps")
        XCTAssertEqual(glibc.kibPerThousandRequests, 100 * 1000 / 1024, accuracy: 1)
        XCTAssertEqual(limited.verdictWord, "flat")
        XCTAssertEqual(glibc.runs, 3)

        let creep = report.findings.filter { $0.kind == .creep }
        XCTAssertEqual(creep.count, 2)
        let glibcFinding = try XCTUnwrap(creep.first { $0.configurations == ["glibc"] })
        XCTAssertEqual(glibcFinding.verdict, .beyondNoise)
        XCTAssertTrue(glibcFinding.text.contains("glibc creeps +97.") && glibcFinding.text.contains(" KiB per 1,000 requests"), glibcFinding.text)
        let limitedFinding = try XCTUnwrap(creep.first { $0.configurations == ["glibc-arenas-2"] })
        XCTAssertTrue(limitedFinding.text.contains("glibc-arenas-2 flat"), limitedFinding.text)
        XCTAssertTrue(limitedFinding.text.contains("lower at the plateau than glibc") && limitedFinding.text.contains("beyond noise"), limitedFinding.text)

        let markdown = MarkdownReport.render(report)
        XCTAssertTrue(markdown.contains("## Soak: does RSS creep?"), markdown)
        XCTAssertTrue(markdown.contains("| creeps |") && markdown.contains("| flat |"), markdown)
        XCTAssertTrue(ScenarioCatalog.description.scenario(named: "server-soak")?.allocatorSensitive == true)
    }

    func testOldCatalogsWithoutTheAllocatorSensitiveFieldDecodeAsFalse() throws {
        let description = try XCTUnwrap(ScenarioCatalog.description.scenario(named: "threaded-churn"))
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(description)) as? [String: Any])
        json.removeValue(forKey: "allocatorSensitive")
        let decoded = try JSONDecoder().decode(ScenarioDescription.self, from: JSONSerialization.data(withJSONObject: json))
        XCTAssertFalse(decoded.allocatorSensitive)
        XCTAssertEqual(decoded.name, "threaded-churn")
    }
}
