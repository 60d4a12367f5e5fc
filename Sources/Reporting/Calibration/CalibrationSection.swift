import Foundation
import BenchModel

/// "## Instrument calibration": the figures `bench doctor --calibrate` measured on this machine
/// (report.md: where they came from, the floor they set and the goals missed; details.md: the
/// table), or a line saying they were not measured.
struct CalibrationSection: ReportSection {
    var report: Report

    var summary: [Markdown] {
        guard let figures = report.calibration else { return notMeasured }
        let lines = figures.summaryLines()
        let missed = lines.filter { $0.meetsGoal == false }.map(\.label)
        let goals = lines.filter { $0.meetsGoal != nil }.count
        return ["## Instrument calibration", "",
                "\(measured(figures)): noise floor \(figures.kib(figures.noiseFloorBytes)) for this report's findings; \(goals - missed.count) of \(goals) goals met"
                    + "\(missed.isEmpty ? "" : " (missed: \(missed.joined(separator: ", ")))")"
                    + ". Every figure: \(MarkdownReport.detailsLink("instrument-calibration")).", ""]
    }

    var details: [Markdown] {
        guard let figures = report.calibration else { return notMeasured }
        let rows: [[Markdown]] = figures.summaryLines().map { line in
            ["\(line.label)", "\(line.text)", line.meetsGoal.map { $0 ? "yes" : "**no**" } ?? "–"]
        }
        return ["## Instrument calibration", "",
                "\(measured(figures)). The noise floor used for this report's findings is \(figures.kib(figures.noiseFloorBytes)).", "",
                .table(header: ["Figure", "Measured", "Goal met"], rows: rows), ""]
    }

    /// "Measured by `bench doctor --calibrate` at … (release build, kernel …)", and with which
    /// worker when the report's runs are a package's own.
    func measured(_ figures: CalibrationFigures) -> Markdown {
        let own = (report.environment.workers ?? []).first(where: \.ownWorker).map { URL(fileURLWithPath: $0.path).lastPathComponent }
        let worker: Markdown = own.map { " with MemoryBench's built-in worker, not \(code: $0): the noise floor is the instrument's (the kernel's RSS counters, the peak reset) and holds for any worker; the worker floor and process start are the built-in worker's" } ?? ""
        return "Measured by `bench doctor --calibrate` at \(figures.measuredAt) (\(figures.buildConfiguration) build, kernel \(figures.kernel))\(worker)"
    }

    var notMeasured: [Markdown] {
        ["## Instrument calibration", "",
         "Not measured on this machine: run `bench doctor --calibrate` (it saves `calibration.json` in the cache folder; later reports carry it). Until then, differences under \(mebibytes(Report.defaultNoiseFloorBytes)) are never called beyond noise.", ""]
    }
}
