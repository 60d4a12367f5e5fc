import Foundation
import BenchModel
import MemoryProbe
import Statistics

extension MarkdownReport {
    /// "## Size sweep": the fitted growth of every variant measured at several sizes, with its
    /// verdict. report.md shows it once: one table of slopes, the sweep configuration's, and the
    /// charts. The details file (`everyLine`) has per scenario the median peak at each size for
    /// every configuration's line, each with its sentence.
    static func sweepSection(_ report: Report, charts: [ChartFile] = [], everyLine: Bool = false) -> [String] {
        let lines = report.growthLines()
        guard !lines.isEmpty else { return [] }
        var out = ["## Size sweep", "",
                   "Peak RSS over baseline against the size, fitted by least squares through every run, with the slope's 95 % interval. "
                   + "*Grows with N*: the interval excludes zero and the fitted growth over the sizes exceeds the floor (the variant's own run-to-run variation, at least the instrument's); "
                   + "*flat*: even the interval's extreme, over the whole range, stays under the floor; otherwise *no clear trend*. The tables per size are in [\(detailsFileName)](\(detailsFileName)).", ""]
        var scenarios: [String] = []
        for line in lines where !scenarios.contains(line.scenario) { scenarios.append(line.scenario) }
        // The main report: one table of slopes for every swept scenario, the charts in a row; the
        // peaks at each size are in the details file (a table per scenario made the sweep most of
        // the report's length).
        guard everyLine else { return out + compactSweep(report, lines: lines, scenarios: scenarios, charts: charts) }
        for scenario in scenarios {
            let mine = lines.filter { $0.scenario == scenario }
            let sizes = Set(mine.flatMap { $0.medianPeaks.map(\.size) }).sorted()
            let unit = mine.first?.sizeUnit ?? ""
            out.append("### \(scenario)")
            out.append("")
            for chart in charts where chart.scenario == scenario && chart.name.hasPrefix(ReportCharts.sweepPrefix) {
                out += ["![\(chart.caption)](\(chart.name))", ""]
            }
            let header = ["Variant", "Allocator"] + sizes.map { "Peak at \(grouped($0)) \(unit)" } + ["Bytes per \(singular(unit))", "Interval", "R²", "Floor", "Verdict"]
            out.append(table(header: header, rows: mine.map { line in
                let peaks: [String] = sizes.map { size in line.medianPeaks.first { $0.size == size }.map { mebibytes($0.bytes, signed: true) } ?? "–" }
                let slope = String(format: "%+.0f", line.trend.slope)
                let fit = line.trend.rSquared.map { String(format: "%.2f", $0) } ?? "–"
                let fixed: [String] = ["`\(line.variant)`", line.allocator]
                return fixed + peaks + [slope, slopeInterval(line), fit, mebibytes(line.trend.floor), line.trend.kind.rawValue]
            }, rightAlignedFrom: 2))
            out.append("")
            out += mine.map { "- \($0.sentence)" } + [""]
            let capped = cappedVariants(report, scenario: scenario)
            if !capped.isEmpty { out += capped.map { "- `\($0.name)`: capped at \(grouped($0.maximumSize ?? 0)) \(unit), not swept." } + [""] }
        }
        return out
    }

    /// The sweep's configuration of each scenario (the one measured at the most sizes; the lines
    /// of the others, fitted through the main size and a capped variant's size, are in the
    /// details file), one row per variant: bytes per unit of size with its interval and verdict;
    /// capped variants named below.
    static func compactSweep(_ report: Report, lines: [Report.GrowthLine], scenarios: [String], charts: [ChartFile]) -> [String] {
        var rows: [[String]] = []
        var capped: [String] = []
        for scenario in scenarios {
            let all = lines.filter { $0.scenario == scenario }
            let widest = all.max { $0.medianPeaks.count < $1.medianPeaks.count }?.allocator
            for line in all where line.allocator == widest {
                let sizes = line.medianPeaks.map(\.size)
                let range = "\(grouped(sizes.min() ?? 0))–\(grouped(sizes.max() ?? 0)) \(line.sizeUnit)"
                rows.append([scenario, "`\(line.variant)`", line.allocator, range,
                             String(format: "%+.0f bytes per %@", line.trend.slope, singular(line.sizeUnit)),
                             slopeInterval(line), words(line.trend.kind)])
            }
            capped += cappedVariants(report, scenario: scenario).map {
                "`\($0.name)` (\(scenario)): capped at \(grouped($0.maximumSize ?? 0)), not swept."
            }
        }
        var out = [table(header: ["Scenario", "Variant", "Allocator", "Sizes", "Growth", "Interval", "Verdict"], rows: rows), ""]
        if !capped.isEmpty { out += capped.map { "- \($0)" } + [""] }
        let sweepCharts = charts.filter { $0.name.hasPrefix(ReportCharts.sweepPrefix) }
        if !sweepCharts.isEmpty { out += [sweepCharts.map { "![\($0.caption)](\($0.name))" }.joined(separator: " "), ""] }
        return out
    }

    /// The scenario's variants that never ran at two sizes because of their maximum size.
    static func cappedVariants(_ report: Report, scenario: String) -> [ScenarioVariant] {
        report.cappedInSweeps().filter { $0.scenario.name == scenario }.map(\.variant)
    }

    /// "+325 to +330", the slope's interval in units of y per unit of size; "–" without one.
    static func slopeInterval(_ line: Report.GrowthLine) -> String {
        line.trend.slopeInterval.map { String(format: "%+.0f to %+.0f", $0.lower, $0.upper) } ?? "–"
    }

    /// "rows" → "row", for "bytes per row".
    static func singular(_ unit: String) -> String { unit.hasSuffix("s") ? String(unit.dropLast()) : unit }

    /// A growth verdict in words.
    static func words(_ kind: GrowthTrend.Kind) -> String {
        switch kind {
        case .grows: return "grows with the size"
        case .shrinks: return "shrinks"
        case .flat: return "flat"
        case .noClearTrend: return "no clear trend"
        }
    }
}
