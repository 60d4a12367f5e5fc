import Foundation
import BenchModel
import Reporting

extension ReportBuilder {
    /// The report of a run folder's `results` (its results.jsonl's complete runs) with what
    /// the folder recorded beside them: the machine, plan order and scenarios of
    /// environment.json (or unknown, with a warning), the calibration and the sites kept there.
    /// The one way a report is made: at the end of a suite (resumed or not) and by
    /// `bench report`, so a folder re-rendered gives the report its suite wrote. `elapsedSeconds`
    /// is the suite's wall time, which results.jsonl does not record
    /// (`RunFolder.recordedElapsedSeconds` reads the one its report gave).
    public static func build(from folder: RunFolder, results: [RunResult], elapsedSeconds: Double?) throws
        -> (report: Report, warnings: [String]) {
        var warnings: [String] = []
        let allocatorsSeen = results.map(\.allocator).uniqued()
        let recorded: RecordedMachineFacts
        if let found = try folder.loadEnvironment() {
            recorded = found
        } else {
            warnings.append("\(folder.path) has no \(RunFolder.environmentFileName): the report's environment says unknown")
            recorded = .unknown(runId: folder.runId, plannedRuns: results.count, allocatorOrder: allocatorsSeen)
        }
        var report = build(
            runId: recorded.runId, results: results, plannedRuns: recorded.plannedRuns(given: results),
            elapsedSeconds: elapsedSeconds, environment: recorded.environment,
            allocatorOrder: recorded.allocatorOrder + allocatorsSeen.filter { !recorded.allocatorOrder.contains($0) },
            scenarios: recorded.scenarios ?? [], calibration: folder.loadCalibration(), budgets: recorded.budgets ?? [:])
        report.sites = try folder.loadSites()
        return (report, warnings)
    }
}
