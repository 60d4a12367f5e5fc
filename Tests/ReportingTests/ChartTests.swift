import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import TestSupport
@testable import BenchModel
import MemoryProbe
@testable import Reporting

/// The report's SVG charts: well-formed XML, one line per variant, one bar per cell and metric,
/// linked from report.md.
final class ChartTests: XCTestCase {
    /// Parses an SVG and collects each element's `data-series` attribute, by element name.
    final class SeriesCollector: NSObject, XMLParserDelegate {
        var series: [String: [String]] = [:]
        var texts: [String] = []
        var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if let value = attributes["data-series"] { series[name, default: []].append(value) }
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current) }
        }
    }

    func parse(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> SeriesCollector {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = SeriesCollector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")", file: file, line: line)
        return collector
    }

    func testRssChartIsWellFormedWithOneLinePerVariantAndLabelledAxes() throws {
        let (report, results) = ReportFixtures.report()
        let charts = ReportCharts.make(report: report, results: results)
        let rss = try XCTUnwrap(charts.first { $0.name == "rss-load-all-vs-batched-1000.svg" })
        let parsed = parse(rss.svg)
        XCTAssertEqual(parsed.series["polyline"], ["load-all", "batched"])
        XCTAssertTrue(parsed.texts.contains("RSS (MiB)"))
        XCTAssertTrue(parsed.texts.contains { $0.contains("seconds") })
        XCTAssertTrue(parsed.texts.contains { $0.contains("(glibc)") }, "the chart names its allocator")
        XCTAssertTrue(parsed.texts.contains("baseline 20.0 MiB"), "the dashed baseline the tables measure over")
        // The legend names every variant.
        XCTAssertTrue(parsed.texts.contains("load-all") && parsed.texts.contains("batched"))
    }

    func testRssChartFallsBackToAnAllocatorThatHasSeries() throws {
        let (report, results) = ReportFixtures.report(allocators: ["jemalloc-preload"])
        let rss = try XCTUnwrap(ReportCharts.make(report: report, results: results).first { $0.name.hasPrefix("rss-") })
        XCTAssertTrue(parse(rss.svg).texts.contains { $0.contains("(jemalloc-preload)") })
    }

    func testBarChartHasPeakAndReleaseBarsForEveryCell() throws {
        let (report, results) = ReportFixtures.report()
        let bars = try XCTUnwrap(ReportCharts.make(report: report, results: results).first { $0.name.hasPrefix("bars-") })
        let parsed = parse(bars.svg)
        let rects = parsed.series["rect"] ?? []
        XCTAssertEqual(rects.filter { $0 == "peak" }.count, 4)
        XCTAssertEqual(rects.filter { $0 == "after release" }.count, 4)
        XCTAssertTrue(parsed.texts.contains("RSS over baseline (MiB)"))
        XCTAssertTrue(parsed.texts.contains("load-all · jemalloc-preload"))
    }

    func testTextIsEscapedSoOddNamesStayWellFormed() {
        let chart = LineChart(title: "a < b & \"c\"", xLabel: "x (seconds)", yLabel: "y (MiB)",
                              series: [LineChart.Series(name: "<variant & co>", points: [(0, 1), (1, 2)])])
        let parsed = parse(chart.render())
        XCTAssertEqual(parsed.series["polyline"], ["<variant & co>"])
    }

    func testReportMarkdownLinksEveryChartOfTheReport() throws {
        let (report, results) = ReportFixtures.report()
        let charts = ReportCharts.make(report: report, results: results)
        XCTAssertEqual(charts.map(\.name), ["rss-load-all-vs-batched-1000.svg", "bars-load-all-vs-batched-1000.svg"])
        let markdown = MarkdownReport.render(report, charts: charts)
        let details = MarkdownReport.renderDetails(report, charts: charts)
        for chart in charts {
            XCTAssertTrue(markdown.contains("![\(chart.caption)](\(chart.name))"), "report.md links \(chart.name)")
            XCTAssertTrue(details.contains("![\(chart.caption)](\(chart.name))"), "details.md links \(chart.name)")
        }
        // The standalone export has no images (their files are not beside it).
        let exported = String(decoding: try MarkdownExporter().export(report), as: UTF8.self)
        XCTAssertFalse(exported.contains("!["))
        XCTAssertTrue(exported.contains("## Verdicts"))
    }
}

/// The per-configuration chart shows the run the allocator advice's figure is the median of, so
/// its line at that phase's end reads what the table reads (issue 23: the chart showed the median
/// run by peak beside a table of after-release medians).
final class RssByConfigurationRunTests: XCTestCase {
    func testTheChartedRunIsTheMedianByTheAdvisedFigureNotByPeak() throws {
        let scenario = ScenarioFixtures.serverSoak
        // (peak, after release) in MiB: by peak the median is run 2 (after release 40); by after
        // release it is run 3 (after release 20).
        let release = scenario.releaseFigurePhase
        let runs: [RunResult] = [(1, 50, 10), (2, 60, 40), (3, 70, 20)].map { (repetition: Int, peak: Int, after: Int) -> RunResult in
            let phases: [PhaseRecord] = [.fixture("work", peakBytes: peak * Fixtures.mib, endBytes: peak * Fixtures.mib),
                                         .fixture(release, start: 0.1, peakBytes: peak * Fixtures.mib, endBytes: after * Fixtures.mib)]
            let record = WorkerRecord.fixture(scenario: scenario.name, variant: "threaded", size: 1000, phases: phases)
            return RunResult.fixture(record, allocator: "glibc", repetition: repetition)
        }
        let byRelease = try XCTUnwrap(RssByConfigurationChart.representative(runs, cell: nil, metric: .afterRelease, scenario: scenario))
        XCTAssertEqual(byRelease.0.repetition, 3)
        XCTAssertEqual(byRelease.1, "after release")
        let byPeak = try XCTUnwrap(RssByConfigurationChart.representative(runs, cell: nil, metric: .peak, scenario: scenario))
        XCTAssertEqual(byPeak.0.repetition, 2)
        XCTAssertEqual(byPeak.1, "peak")
    }
}

/// Nine configurations on one chart: past the palette's eight colours a line is dashed, in the
/// plot and in the legend, so glibc and the ninth configuration cannot be mistaken.
final class LineChartPaletteTests: XCTestCase {
    func testALinePastThePaletteIsDashedInThePlotAndTheLegend() {
        let series = (0..<9).map { LineChart.Series(name: "c\($0)", points: [(x: 0, y: 1), (x: 1, y: 2)]) }
        let svg = LineChart(title: "t", subtitle: nil, xLabel: "x", yLabel: "y", series: series).render()
        let lines = svg.components(separatedBy: "<polyline").dropFirst()
        XCTAssertEqual(lines.count, 9)
        XCTAssertEqual(lines.filter { $0.contains("stroke-dasharray") }.count, 1)
        XCTAssertTrue(lines.last?.contains("stroke-dasharray") == true)
        let lineElements = svg.components(separatedBy: "<line").dropFirst().map { $0.prefix { $0 != ">" } }
        XCTAssertEqual(lineElements.filter { $0.contains("stroke-dasharray=\"7 4\"") }.count, 1,
                       "the legend's swatch of the ninth line is a dashed line")
    }
}
