import XCTest
import Foundation
import MemoryProbe
import Statistics
import TestSupport
@testable import BenchModel
@testable import Reporting

/// A service's steady state in the report: from synthetic soak and `bench exec --duration` runs
/// with known curves, the cells' `steadyState`, the plateau and creep comparisons inside the
/// report's Holm family, the findings, report.md's lines and report.json.
final class SteadyStateReportTests: XCTestCase {
    static let mib = ServiceFixtures.mib

    /// glibc creeps 0.5 MiB a second after a 2 s climb; the arena limit climbs to a plateau 30 MiB lower and stays.
    func soakResults() -> [RunResult] {
        (1...3).flatMap { repetition in
            [ServiceFixtures.soakRun("glibc", repetition: repetition, arenas: 16) { t in 80 * Self.mib + 10 * Self.mib * min(t, 2) / 2 + 0.5 * Self.mib * t },
             ServiceFixtures.soakRun("glibc-arenas-2", repetition: repetition, arenas: 2) { t in 55 * Self.mib + 10 * Self.mib * min(t, 2) / 2 }]
        }
    }

    func testASoakCreepsOrIsFlatAfterItsWarmUpAndThePlateauIsComparedInTheReportsFamily() throws {
        let report = ReportFixtures.build(soakResults(), allocators: ["glibc", "glibc-arenas-2"])
        let lines = report.decisions.creep
        XCTAssertEqual(lines.map(\.allocator), ["glibc", "glibc-arenas-2"])
        let glibc = lines[0], limited = lines[1]
        XCTAssertEqual(glibc.verdictWord, "creeps")
        XCTAssertEqual(glibc.steady.slopeBytesPerMinute, 30 * Self.mib, accuracy: 3 * Self.mib)
        XCTAssertEqual(limited.verdictWord, "flat")
        XCTAssertEqual(limited.steady.warmupSeconds, 2, accuracy: 0.6)
        XCTAssertEqual(limited.steady.plateauBytes, 65 * Self.mib, accuracy: 0.2 * Self.mib)
        XCTAssertEqual(limited.steady.requests, 40_000)
        XCTAssertEqual(limited.runs, 3)
        // 4,000 requests a second: 30 MiB a minute is 128 KiB per 1,000 requests.
        XCTAssertEqual(try XCTUnwrap(glibc.steady.slopeBytesPerThousandRequests) / 1024, 128, accuracy: 13)

        // One family: the plateau and creep comparisons are among the report's, judged with the rest.
        let plateau = try XCTUnwrap(report.comparisons.first { $0.metric == .plateau && $0.candidateConfiguration == "glibc-arenas-2" })
        XCTAssertEqual(plateau.verdict.kind, .beyondNoise)
        XCTAssertLessThan(plateau.verdict.effect, 0)
        XCTAssertTrue(plateau.verdict.method.contains("over \(report.comparisons.count) comparisons"), plateau.verdict.method)
        let creep = try XCTUnwrap(report.comparisons.first { $0.metric == .creep })
        XCTAssertEqual(creep.verdict.kind, .beyondNoise)
        XCTAssertNil(creep.phase)
        // The creep's margin is a share of glibc's plateau, not of its creep.
        XCTAssertEqual(creep.verdict.margin, 0.02 * glibc.steady.plateauBytes, accuracy: 0.01 * Self.mib)
        XCTAssertTrue(limited.plateauComparison?.verdict == plateau.verdict)

        let findings = report.findings.filter { $0.kind == .creep }
        XCTAssertEqual(findings.count, 2)
        let limitedFinding = try XCTUnwrap(findings.first { $0.configurations == ["glibc-arenas-2"] })
        XCTAssertEqual(limitedFinding.verdict, .withinNoise)
        XCTAssertTrue(limitedFinding.text.contains("glibc-arenas-2 (3 runs): warm-up "), limitedFinding.text)
        XCTAssertTrue(limitedFinding.text.contains("flat: at most "), limitedFinding.text)
        XCTAssertTrue(limitedFinding.text.contains("against glibc: plateau +65.0 MiB vs +"), limitedFinding.text)
        XCTAssertTrue(limitedFinding.text.contains("beyond noise"), limitedFinding.text)
        XCTAssertTrue(limitedFinding.text.contains("2 glibc arenas"), limitedFinding.text)
        let glibcFinding = try XCTUnwrap(findings.first { $0.configurations == ["glibc"] })
        XCTAssertEqual(glibcFinding.verdict, .beyondNoise)
        XCTAssertTrue(glibcFinding.text.contains("creeps: +"), glibcFinding.text)
        XCTAssertTrue(glibcFinding.text.contains(" KiB per 1,000 requests"), glibcFinding.text)

        let markdown = MarkdownReport.render(report)
        XCTAssertTrue(markdown.contains("## Steady state"), markdown)
        XCTAssertTrue(markdown.contains("- glibc-arenas-2 (3 runs): warm-up "), markdown)
        XCTAssertFalse(markdown.contains("## Soak: does RSS creep?"), markdown)
        let details = MarkdownReport.renderDetails(report)
        XCTAssertTrue(details.contains("## Steady state, run by run"), details)
    }

    func testAServiceRunsSteadyStateIsInReportJSON() throws {
        // Hummingbird's shape: a climb to 180 MiB over 25 s, then flat; jemalloc 40 MiB lower.
        var results: [RunResult] = []
        for repetition in 1...3 {
            results.append(ServiceFixtures.serviceRun("glibc", repetition: repetition) { t in 10 * Self.mib + 170 * Self.mib * min(t, 25) / 25 })
            results.append(ServiceFixtures.serviceRun("jemalloc-preload", repetition: repetition) { t in 10 * Self.mib + 130 * Self.mib * min(t, 25) / 25 })
        }
        let report = ReportFixtures.build(results, allocators: ["glibc", "jemalloc-preload"])
        let cell = try XCTUnwrap(report.cell("hummingbird", "command", "glibc", 0))
        let steady = try XCTUnwrap(cell.steadyState)
        XCTAssertEqual(steady.creep, .flat)
        XCTAssertGreaterThanOrEqual(steady.warmupSeconds, 24)
        XCTAssertLessThan(steady.warmupSeconds, 40)
        XCTAssertEqual(steady.windowSeconds, 60, accuracy: 1e-6)
        XCTAssertEqual(steady.plateauBytes, 180 * Self.mib, accuracy: 0.2 * Self.mib)
        XCTAssertNil(steady.requests)

        let data = try JSONCoding.encoder(pretty: false).encode(report)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try XCTUnwrap(json["cells"] as? [[String: Any]])
        let written = try XCTUnwrap(cells.first { ($0["key"] as? [String: Any])?["allocator"] as? String == "glibc" }?["steadyState"] as? [String: Any])
        for key in ["warmupSeconds", "slopeBytesPerMinute", "slopeIntervalBytesPerMinute", "plateauBytes", "finalBytes", "marginBytes", "creep", "runs"] {
            XCTAssertNotNil(written[key], "cells[].steadyState.\(key)")
        }
        let interval = try XCTUnwrap(written["slopeIntervalBytesPerMinute"] as? [String: Double])
        XCTAssertEqual(Set(interval.keys), ["lower", "upper"])
        // Read back, the report keeps its steady states and decides the same.
        let read = try JSONCoding.decoder().decode(Report.self, from: data)
        XCTAssertEqual(read.cell("hummingbird", "command", "glibc", 0)?.steadyState, steady)
        XCTAssertEqual(read.decisions.creep.map(\.verdictWord), report.decisions.creep.map(\.verdictWord))
        let plateau = try XCTUnwrap(report.decisions.creep.last?.plateauComparison)
        XCTAssertEqual(plateau.verdict.kind, .beyondNoise)
        XCTAssertTrue(MarkdownReport.render(report).contains("requests served not known"))
    }

    /// The requests a service's load served (bench exec's count: wrk's summary or the count file)
    /// reach its steady state: the count, the rate, and the slope per 1,000 requests.
    func testAServiceRunsRequestsServedReachItsSteadyStateLine() throws {
        let results = (1...3).map { repetition in
            ServiceFixtures.serviceRun("glibc", repetition: repetition, requests: 59_000 + 1_000 * repetition) { t in
                10 * Self.mib + 170 * Self.mib * min(t, 25) / 25 + 0.1 * Self.mib * t
            }
        }
        let report = ReportFixtures.build(results, allocators: ["glibc"])
        let steady = try XCTUnwrap(report.cell("hummingbird", "command", "glibc", 0)?.steadyState)
        XCTAssertEqual(steady.requests, 61_000)
        XCTAssertEqual(try XCTUnwrap(steady.requestsPerSecond), 61_000.0 / 60, accuracy: 20)
        XCTAssertNotNil(steady.slopeBytesPerThousandRequests)
        let markdown = MarkdownReport.render(report)
        XCTAssertTrue(markdown.contains("61,000 requests"), "the steady-state line names the requests served")
        XCTAssertFalse(markdown.contains("requests served not known"))
    }

    /// A service's advice is judged by its plateau: jemalloc's RSS after shutdown is far lower,
    /// the arena cap's plateau is; the advice names the cap, and jemalloc's figure is not its reason.
    func testAServicesAllocatorAdviceIsJudgedByItsPlateau() throws {
        var results: [RunResult] = []
        for repetition in 1...3 {
            results.append(ServiceFixtures.serviceRun("glibc", repetition: repetition) { _ in 180 * Self.mib })
            results.append(ServiceFixtures.serviceRun("glibc-arenas-2", repetition: repetition) { _ in 100 * Self.mib })
            results.append(ServiceFixtures.serviceRun("jemalloc-preload", repetition: repetition) { t in t < 60 ? 150 * Self.mib : 20 * Self.mib })
        }
        let report = ReportFixtures.build(results, allocators: ["glibc", "glibc-arenas-2", "jemalloc-preload"])
        let jemallocRelease = try XCTUnwrap(report.comparisons.first { $0.candidateConfiguration == "jemalloc-preload" && $0.metric == .afterRelease })
        XCTAssertEqual(jemallocRelease.verdict.kind, .beyondNoise, "the fixture's jemalloc is far lower after shutdown")
        let change = try XCTUnwrap(report.recommendations.first?.allocator)
        XCTAssertEqual(change.configuration, "glibc-arenas-2")
        XCTAssertEqual(change.improves?.metric, .plateau)
        XCTAssertNil(change.requestsPerSecond, "no load count, no rate")
    }

    /// A memory gain may cost requests: the advice states the requests served per second under
    /// the named configuration against glibc's, measured and not judged.
    func testAServicesAdviceStatesTheRequestsServedUnderItsChoice() throws {
        var results: [RunResult] = []
        for repetition in 1...3 {
            results.append(ServiceFixtures.serviceRun("glibc", repetition: repetition, requests: 60_000) { _ in 180 * Self.mib })
            results.append(ServiceFixtures.serviceRun("glibc-arenas-2", repetition: repetition, requests: 45_000) { _ in 100 * Self.mib })
        }
        let report = ReportFixtures.build(results, allocators: ["glibc", "glibc-arenas-2"])
        let recommendation = try XCTUnwrap(report.recommendations.first)
        let rate = try XCTUnwrap(recommendation.allocator?.requestsPerSecond)
        XCTAssertEqual(rate.candidate, 750, accuracy: 1)
        XCTAssertEqual(rate.reference, 1_000, accuracy: 1)
        XCTAssertTrue(recommendation.text.contains("requests served 750/s vs 1,000/s under glibc (−25 %, measured, not judged)"), recommendation.text)
    }

    func testANoisyServiceIsUndecidedAndATwinIsNotBeyondNoise() throws {
        var results: [RunResult] = []
        for repetition in 1...3 {
            results.append(ServiceFixtures.serviceRun("glibc", repetition: repetition, sigma: 24 * Self.mib) { _ in 100 * Self.mib })
            results.append(ServiceFixtures.serviceRun("glibc-twin", repetition: repetition, sigma: 24 * Self.mib) { _ in 100 * Self.mib })
        }
        let report = ReportFixtures.build(results, allocators: ["glibc", "glibc-twin"])
        XCTAssertEqual(report.decisions.creep.map(\.verdictWord), ["undecided", "undecided"])
        let steady = report.comparisons.filter { $0.metric == .plateau || $0.metric == .creep }
        XCTAssertEqual(steady.count, 2)
        XCTAssertFalse(steady.contains { $0.verdict.kind == .beyondNoise })
    }

    func testASoakStillSettlingAtItsEndIsUndecidedNotACreep() throws {
        // The 2-second soak's shape: RSS rising ever more slowly through the whole window.
        let results = (1...3).map { repetition in
            ServiceFixtures.soakRun("glibc", repetition: repetition) { t in 40 * Self.mib + 8 * Self.mib * (1 - exp(-t / 20)) }
        }
        let report = ReportFixtures.build(results)
        let line = try XCTUnwrap(report.decisions.creep.first)
        XCTAssertEqual(line.steady.warmupFoundRuns, 0)
        XCTAssertGreaterThan(try XCTUnwrap(line.steady.slopeIntervalBytesPerMinute).lower, 0, "it does rise")
        XCTAssertEqual(line.verdictWord, "undecided")
        let finding = try XCTUnwrap(report.findings.first { $0.kind == .creep })
        XCTAssertEqual(finding.verdict, .undecided)
        XCTAssertTrue(finding.text.contains("RSS was still bending at the end of every run's window"), finding.text)
    }

    func testABatchCommandHasNoSteadyState() throws {
        let (report, _) = ReportFixtures.report()
        XCTAssertTrue(report.cells.allSatisfy { $0.steadyState == nil })
        XCTAssertTrue(report.decisions.creep.isEmpty)
        XCTAssertFalse(report.comparisons.contains { $0.metric == .plateau || $0.metric == .creep })
        XCTAssertFalse(MarkdownReport.render(report).contains("## Steady state"))
    }
}
