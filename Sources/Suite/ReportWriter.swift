import Foundation
import BenchModel
import Reporting

/// Writes a report's files into its run folder atomically (temporary file + rename, so a crash
/// mid-write leaves the previous file whole).
public enum ReportWriter {
    /// Writes `report.json`, the chart SVGs, `details.md` and `report.md` (which links the others).
    public static func write(_ report: Report, to folder: RunFolder, charts: [ChartFile] = []) throws {
        try writeAtomically(try JSONExporter().export(report), to: folder.reportJSON)
        for chart in charts {
            try writeAtomically(Data(chart.svg.utf8), to: folder.file(chart.name))
        }
        try writeAtomically(Data(MarkdownReport.renderDetails(report, charts: charts).utf8), to: folder.details)
        try writeAtomically(Data(MarkdownReport.render(report, charts: charts).utf8), to: folder.reportMarkdown)
    }

    /// The end of every suite and of `bench report`: the folder's report built from `results`
    /// (`ReportBuilder.build(from:…)`), its charts made, every file written. Returns the report,
    /// its charts and what the folder did not record.
    public static func writeReport(of folder: RunFolder, results: [RunResult], elapsedSeconds: Double?,
                                   chartAllocator: String = ReportCharts.defaultAllocator) throws
        -> (report: Report, charts: [ChartFile], warnings: [String]) {
        let built = try ReportBuilder.build(from: folder, results: results, elapsedSeconds: elapsedSeconds)
        let charts = ReportCharts.make(report: built.report, results: results, allocator: chartAllocator)
        try write(built.report, to: folder, charts: charts)
        return (built.report, charts, built.warnings)
    }

    /// The same, into the folder at `directory`.
    public static func write(_ report: Report, to directory: URL, charts: [ChartFile] = []) throws {
        try write(report, to: RunFolder(directory), charts: charts)
    }

    public static func writeAtomically(_ data: Data, to url: URL) throws {
        try AtomicFile.write(data, to: url.path)
    }
}

extension ReportExporter {
    /// Writes atomically; an unwritable path is a `BenchError.io` (exit status 74).
    public func write(_ report: Report, to path: String) throws {
        try ReportWriter.writeAtomically(try export(report), to: URL(fileURLWithPath: path))
    }
}
