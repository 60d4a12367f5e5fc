import BenchModel

extension MarkdownReport {
    /// "Instrument calibration": the figures `bench doctor --calibrate` measured on this machine,
    /// or a line saying they were not measured.
    static func calibration(_ report: Report) -> [String] {
        var out = ["## Instrument calibration", ""]
        guard let figures = report.calibration else {
            out.append("Not measured on this machine: run `bench doctor --calibrate` (it saves `calibration.json` in the cache folder; later reports carry it). Until then, differences under \(mebibytes(Findings.defaultNoiseFloorBytes)) are never called beyond noise.")
            out.append("")
            return out
        }
        out.append("Measured by `bench doctor --calibrate` at \(figures.measuredAt) (\(figures.buildConfiguration) build, kernel \(figures.kernel)). The noise floor used for this report's findings is \(figures.kib(figures.noiseFloorBytes)).")
        out.append("")
        out.append(table(header: ["Figure", "Measured", "Goal met"], rows: figures.summaryLines().map { line in
            [line.label, line.text, line.meetsGoal.map { $0 ? "yes" : "**no**" } ?? "–"]
        }))
        out.append("")
        return out
    }
}

extension MarkdownReport {
    /// The main report's calibration: where it came from, the floor it set and the goals it
    /// missed; the table is in the details file.
    static func calibrationSummary(_ report: Report) -> [String] {
        guard let figures = report.calibration else { return calibration(report) }
        let lines = figures.summaryLines()
        let missed = lines.filter { $0.meetsGoal == false }.map(\.label)
        let goals = lines.filter { $0.meetsGoal != nil }.count
        return ["## Instrument calibration", "",
                "Measured by `bench doctor --calibrate` at \(figures.measuredAt) (\(figures.buildConfiguration) build, kernel \(figures.kernel)): "
                + "noise floor \(figures.kib(figures.noiseFloorBytes)) for this report's findings; \(goals - missed.count) of \(goals) goals met"
                + (missed.isEmpty ? "" : " (missed: \(missed.joined(separator: ", ")))")
                + ". Every figure: [\(detailsFileName)](\(detailsFileName)#instrument-calibration).", ""]
    }
}
