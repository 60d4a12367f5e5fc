import Foundation
import BenchModel
import Reporting

/// Writes `bench merge`'s folder: report.json, the per-scenario charts and report.md.
public enum MergedReportWriter {
    public static func write(_ merged: MergedReport, to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw BenchError.io("cannot create \(directory.path): \(error.localizedDescription)")
        }
        let charts = merged.charts()
        try ReportWriter.writeAtomically(try JSONCoding.encoder(pretty: true).encode(merged), to: directory.appendingPathComponent(RunFolder.reportJSONFileName))
        for chart in charts {
            try ReportWriter.writeAtomically(Data(chart.svg.utf8), to: directory.appendingPathComponent(chart.name))
        }
        try ReportWriter.writeAtomically(Data(MergedMarkdownReport.render(merged, charts: charts).utf8),
                                         to: directory.appendingPathComponent(RunFolder.reportMarkdownFileName))
    }
}
