import Foundation
import BenchModel
import Reporting

/// Writes a report folder's files atomically (temporary file + rename, so a crash mid-write
/// leaves the previous file whole) and points `latest` at the newest folder.
public enum ReportWriter {
    /// Writes `report.json`, the chart SVGs, `details.md` and `report.md` (which links the others).
    public static func write(_ report: Report, to directory: URL, charts: [ChartFile] = []) throws {
        try writeAtomically(try JSONExporter().export(report), to: directory.appendingPathComponent("report.json"))
        for chart in charts {
            try writeAtomically(Data(chart.svg.utf8), to: directory.appendingPathComponent(chart.name))
        }
        try writeAtomically(Data(MarkdownReport.renderDetails(report, charts: charts).utf8),
                            to: directory.appendingPathComponent(MarkdownReport.detailsFileName))
        try writeAtomically(Data(MarkdownReport.render(report, charts: charts).utf8), to: directory.appendingPathComponent("report.md"))
    }

    public static func writeAtomically(_ data: Data, to url: URL) throws {
        try AtomicFile.write(data, to: url.path)
    }

    /// `<reports>/latest` → `<run-id>`, replaced atomically.
    public static func pointLatest(in reports: URL, to runId: String) throws {
        let link = reports.appendingPathComponent("latest")
        let temporary = reports.appendingPathComponent(".latest-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        guard symlink(runId, temporary.path) == 0, rename(temporary.path, link.path) == 0 else {
            throw BenchError.io("cannot point \(link.path) at \(runId): \(String(cString: strerror(errno)))")
        }
    }
}

extension ReportExporter {
    /// Writes atomically; an unwritable path is a `BenchError.io` (exit status 74).
    public func write(_ report: Report, to path: String) throws {
        try ReportWriter.writeAtomically(try export(report), to: URL(fileURLWithPath: path))
    }
}
