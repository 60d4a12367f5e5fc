import Foundation
import BenchModel
import Reporting

/// `bench report`: rebuilds a run folder's report.json, report.md, details.md and charts from
/// what the folder holds (whatever finished, so an interrupted suite still gets a report), with
/// the environment the suite recorded, never the environment of the machine re-rendering it.
public enum ReportRerender {
    public struct Outcome {
        public var folder: RunFolder
        public var report: Report
        public var charts: [ChartFile]
        /// Unreadable lines, and what the folder did not record.
        public var warnings: [String]
    }

    /// `path` is a run folder or its results.jsonl.
    public static func rerender(_ path: String, chartAllocator: String = ReportCharts.defaultAllocator) throws -> Outcome {
        let folder = try RunFolder(resolving: path)
        let loaded = try folder.results.load()
        guard !loaded.results.isEmpty else { throw BenchError.input("\(folder.resultsURL.path) holds no complete run") }
        let written = try ReportWriter.writeReport(of: folder, results: loaded.results, elapsedSeconds: folder.recordedElapsedSeconds(),
                                                   chartAllocator: chartAllocator)
        return Outcome(folder: folder, report: written.report, charts: written.charts, warnings: loaded.warnings + written.warnings)
    }
}
