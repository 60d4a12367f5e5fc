import Foundation
import BenchModel
import Reporting

/// `bench report`: rebuilds a run folder's report.json, report.md and charts from its
/// results.jsonl (whatever finished, so an interrupted suite still gets a report), with the
/// environment the suite recorded, never the environment of the machine re-rendering it.
public enum ReportRerender {
    public struct Outcome {
        public var directory: URL
        public var report: Report
        public var charts: [ChartFile]
        /// Unreadable lines, and what the folder did not record.
        public var warnings: [String]
    }

    /// `path` is a run folder or its results.jsonl.
    public static func rerender(_ path: String, chartAllocator: String = ReportCharts.defaultAllocator) throws -> Outcome {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BenchError.input("\(path) does not exist")
        }
        let resultsURL = isDirectory.boolValue
            ? URL(fileURLWithPath: path).appendingPathComponent("results.jsonl") : URL(fileURLWithPath: path)
        let directory = resultsURL.deletingLastPathComponent()
        let loaded = try ResultsFile(path: resultsURL.path).load()
        var warnings = loaded.warnings
        guard !loaded.results.isEmpty else { throw BenchError.input("\(resultsURL.path) holds no complete run") }
        let runId = directory.standardizedFileURL.lastPathComponent
        let allocatorsSeen = loaded.results.map(\.allocator).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let recorded: RecordedMachineFacts
        if let found = try RecordedMachineFacts.load(from: directory) {
            recorded = found
        } else {
            warnings.append("\(directory.path) has no \(RecordedMachineFacts.fileName): the report's environment says unknown")
            recorded = .unknown(runId: runId, plannedRuns: loaded.results.count, allocatorOrder: allocatorsSeen)
        }
        let skippedExtra = loaded.results.filter { $0.status == .skipped }.count * max(0, recorded.runsPerCell - 1)
        var report = ReportBuilder.build(
            runId: recorded.runId, results: loaded.results, plannedRuns: max(loaded.results.count, recorded.plannedRuns - skippedExtra),
            elapsedSeconds: previousElapsedSeconds(in: directory), environment: recorded.environment,
            allocatorOrder: recorded.allocatorOrder + allocatorsSeen.filter { !recorded.allocatorOrder.contains($0) },
            scenarios: recorded.scenarios ?? [],
            // The calibration the suite ran with (a copy kept in the run folder), or none.
            calibration: CalibrationFigures.load(fromDirectory: directory.path))
        report.sites = try SiteProfiler.load(from: directory)
        let charts = ReportCharts.make(report: report, results: loaded.results, allocator: chartAllocator)
        try ReportWriter.write(report, to: directory, charts: charts)
        return Outcome(directory: directory, report: report, charts: charts, warnings: warnings)
    }

    /// How long the suite took, as the report it wrote said (results.jsonl does not record it),
    /// so re-rendering keeps the figure; nil without a readable report.json.
    static func previousElapsedSeconds(in directory: URL) -> Double? {
        struct Elapsed: Decodable { var elapsedSeconds: Double? }
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("report.json").path) else { return nil }
        return (try? JSONDecoder().decode(Elapsed.self, from: data))?.elapsedSeconds
    }
}
