import Foundation
import XCTest
import TestSupport
@testable import BenchModel
@testable import Suite
@testable import Reporting

/// A run folder gets the charts beside the report that links them.
final class ReportWriterTests: XCTestCase {
    func testReportAndChartsAreWrittenBesideEachOther() throws {
        let (report, results) = ReportFixtures.report()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let charts = ReportCharts.make(report: report, results: results)
        XCTAssertEqual(charts.count, 2)
        try ReportWriter.write(report, to: directory, charts: charts)
        let markdown = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertEqual(markdown, MarkdownReport.render(report, charts: charts))
        for chart in charts {
            XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent(chart.name), encoding: .utf8), chart.svg)
            XCTAssertTrue(markdown.contains("](\(chart.name))"), "report.md links \(chart.name)")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("details.md").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("report.json").path))
    }
}
