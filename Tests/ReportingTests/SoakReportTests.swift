import XCTest
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Reporting

/// The soak's creep line, findings and report section, from synthetic `server-soak` runs.
final class SoakReportTests: XCTestCase {
    static let mib = Fixtures.mib

    /// One run: RSS `levelMiB` at the first slice, rising `bytesPerRequest` with the 4,000
    /// requests of each slice, with a ±`wobble` zigzag.
    func soakRun(_ allocator: String, repetition: Int, levelMiB: Double, bytesPerRequest: Double, wobble: Int) -> RunResult {
        func phase(_ name: String, rss: Int) -> PhaseRecord {
            .fixture(name, peakBytes: rss - Fixtures.baselineBytes, endBytes: rss - Fixtures.baselineBytes)
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
        let record = WorkerRecord.fixture(scenario: "server-soak", variant: "threaded", size: 40_000, kind: kind,
                                          phases: phases, samples: [(0, Fixtures.baselineBytes)], checks: checks)
        return .fixture(record, allocator: allocator, repetition: repetition)
    }

    func testGlibcCreepsTheArenaLimitIsFlatAndLowerAndTheReportSaysSo() throws {
        var results: [RunResult] = []
        for repetition in 1...3 {
            // glibc: +100 bytes a request (≈ 3.4 MiB over the window); the limit: flat, 30 MiB lower.
            results.append(soakRun("glibc", repetition: repetition, levelMiB: 100 + Double(repetition), bytesPerRequest: 100, wobble: 20_000))
            results.append(soakRun("glibc-arenas-2", repetition: repetition, levelMiB: 70 + Double(repetition), bytesPerRequest: 0, wobble: 20_000))
        }
        let report = ReportFixtures.build(results, allocators: ["glibc", "glibc-arenas-2"])
        let lines = report.decisions.creep
        XCTAssertEqual(lines.map(\.allocator), ["glibc", "glibc-arenas-2"])
        let glibc = lines[0], limited = lines[1]
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
    }
}
