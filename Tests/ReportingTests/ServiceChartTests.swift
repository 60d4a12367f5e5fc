import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import TestSupport
@testable import BenchModel
@testable import Reporting

/// A service's RSS over time: one line per configuration from when it was ready, the median run
/// by plateau (the figure its steady-state line gives), titled and sourced as an outside sample.
final class ServiceChartTests: XCTestCase {
    static let mib = ServiceFixtures.mib

    /// The chart's polylines (series name → points in pixels) and texts.
    final class Collector: NSObject, XMLParserDelegate {
        var lines: [String: [(Double, Double)]] = [:]
        var texts: [String] = []
        var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "polyline", let series = attributes["data-series"], let points = attributes["points"] {
                lines[series] = points.split(separator: " ").compactMap { pair in
                    let xy = pair.split(separator: ",").compactMap { Double($0) }
                    return xy.count == 2 ? (xy[0], xy[1]) : nil
                }
            }
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current) }
        }
    }

    func testAServiceChartHasALinePerConfigurationFromReadinessAndSaysWhereRSSCameFrom() throws {
        // Plateaus 170, 190 and 180 MiB under glibc, 130, 150 and 140 under jemalloc: the medians are the third runs.
        var results: [RunResult] = []
        for (repetition, level) in [(1, 170.0), (2, 190.0), (3, 180.0)] {
            results.append(ServiceFixtures.serviceRun("glibc", repetition: repetition) { t in 10 * Self.mib + (level - 10) * Self.mib * min(t, 25) / 25 })
            results.append(ServiceFixtures.serviceRun("jemalloc-preload", repetition: repetition) { t in 10 * Self.mib + (level - 50) * Self.mib * min(t, 25) / 25 })
        }
        let report = ReportFixtures.build(results, allocators: ["glibc", "jemalloc-preload"])
        let charts = ReportCharts.make(report: report, results: results)
        let rss = try XCTUnwrap(charts.first { $0.name == "rss-hummingbird-command-0.svg" }, "\(charts.map(\.name))")
        XCTAssertFalse(charts.contains { $0.name == "rss-hummingbird-0.svg" }, "no glibc-only chart for a command")
        let parser = XMLParser(data: Data(rss.svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse())
        XCTAssertEqual(Set(collector.lines.keys), ["glibc", "jemalloc-preload"])
        XCTAssertTrue(collector.texts.contains("hummingbird: RSS over time per configuration"), "\(collector.texts)")
        let subtitle = try XCTUnwrap(collector.texts.first { $0.hasPrefix("/proc/PID/status") })
        XCTAssertTrue(subtitle.contains("summed over the process tree") && subtitle.contains("median run by plateau of 3"), subtitle)
        XCTAssertFalse(collector.texts.contains { $0.contains("statm") || $0.contains("worker") })
        XCTAssertTrue(collector.texts.contains("time since the service was ready (seconds)"))

        // The glibc line is the 180 MiB run, starting at readiness (x = the plot's left edge).
        let glibc = try XCTUnwrap(collector.lines["glibc"])
        let jemalloc = try XCTUnwrap(collector.lines["jemalloc-preload"])
        XCTAssertEqual(glibc.first?.0, jemalloc.first?.0)
        XCTAssertEqual(try XCTUnwrap(glibc.first).0, 72, accuracy: 1, "the line starts at the plot's left edge: readiness is 0 s")
        // Pixel heights are linear in MiB: from 10 MiB at readiness, glibc's median run rises by
        // 170 MiB and jemalloc's by 130 (not the 120 or 140 of its other runs).
        let rise = { (line: [(Double, Double)]) in (line.first?.1 ?? 0) - (line.map(\.1).min() ?? 0) }
        XCTAssertEqual(rise(glibc) / rise(jemalloc), 170.0 / 130.0, accuracy: 0.03)
        XCTAssertTrue(rss.caption.contains("median run by plateau"), rss.caption)
    }
}
