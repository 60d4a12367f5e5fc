import Foundation
import BenchModel
import Statistics

extension MarkdownReport {
    /// "## Size sweep": per scenario measured at several sizes, the median peak at each size and
    /// the fitted growth with its verdict, one line per variant and allocator configuration.
    /// report.md shows the sweep once: the chart and the sweep configuration's table. The details
    /// file (`everyLine`) has every configuration's line, each with its sentence.
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
            // The sweep's own configuration (the one measured at the most sizes); the lines of
            // the others, fitted through the main size and a capped variant's size, are among the
            // details file's findings.
            let all = lines.filter { $0.scenario == scenario }
            let widest = all.max { $0.medianPeaks.count < $1.medianPeaks.count }?.allocator
            let mine = everyLine ? all : all.filter { $0.allocator == widest }
            let sizes = Set(mine.flatMap { $0.medianPeaks.map(\.size) }).sorted()
            let unit = mine.first?.sizeUnit ?? ""
            out.append("### \(scenario)")
            out.append("")
            for chart in charts where chart.scenario == scenario && chart.name.hasPrefix(ReportCharts.sweepPrefix) {
                out += ["![\(chart.caption)](\(chart.name))", ""]
            }
            let header = ["Variant", "Allocator"] + sizes.map { "Peak at \(grouped($0)) \(unit)" } + ["Bytes per \(unit.hasSuffix("s") ? String(unit.dropLast()) : unit)", "Interval", "R²", "Floor", "Verdict"]
            out.append(table(header: header, rows: mine.map { line in
                let peaks: [String] = sizes.map { size in line.medianPeaks.first { $0.size == size }.map { mebibytes($0.bytes, signed: true) } ?? "–" }
                let slope = String(format: "%+.0f", line.trend.slope)
                let interval = line.trend.slopeInterval.map { String(format: "%+.0f to %+.0f", $0.lower, $0.upper) } ?? "–"
                let fit = line.trend.rSquared.map { String(format: "%.2f", $0) } ?? "–"
                let fixed: [String] = ["`\(line.variant)`", line.allocator]
                return fixed + peaks + [slope, interval, fit, mebibytes(line.trend.floor), line.trend.kind.rawValue]
            }, rightAlignedFrom: 2))
            out.append("")
            if everyLine { out += mine.map { "- \($0.sentence)" } + [""] }
            var capped = false
            for (_, variant) in report.cappedInSweeps() where lines.contains(where: { $0.scenario == scenario }) && report.scenarios.contains(where: { $0.name == scenario && $0.variants.contains(where: { $0.name == variant.name }) }) {
                out.append("- `\(variant.name)`: capped at \(grouped(variant.maximumSize ?? 0)) \(unit), not swept.")
                capped = true
            }
            if capped { out.append("") }
        }
        return out
    }

    /// The sweep's configuration of each scenario, one row per variant: bytes per unit of size
    /// with its interval and verdict; capped variants named below.
    static func compactSweep(_ report: Report, lines: [Report.GrowthLine], scenarios: [String], charts: [ChartFile]) -> [String] {
        var rows: [[String]] = []
        var capped: [String] = []
        for scenario in scenarios {
            let all = lines.filter { $0.scenario == scenario }
            let widest = all.max { $0.medianPeaks.count < $1.medianPeaks.count }?.allocator
            for line in all where line.allocator == widest {
                let unit = line.sizeUnit.hasSuffix("s") ? String(line.sizeUnit.dropLast()) : line.sizeUnit
                let sizes = line.medianPeaks.map(\.size)
                let range = "\(grouped(sizes.min() ?? 0))–\(grouped(sizes.max() ?? 0)) \(line.sizeUnit)"
                let interval = line.trend.slopeInterval.map { String(format: "%+.0f to %+.0f", $0.lower, $0.upper) } ?? "–"
                rows.append([scenario, "`\(line.variant)`", line.allocator, range, String(format: "%+.0f bytes per %@", line.trend.slope, unit),
                             interval, words(line.trend.kind)])
            }
            for (_, variant) in report.cappedInSweeps() where report.scenarios.contains(where: { $0.name == scenario && $0.variants.contains(where: { $0.name == variant.name }) }) {
                capped.append("`\(variant.name)` (\(scenario)): capped at \(grouped(variant.maximumSize ?? 0)), not swept.")
            }
        }
        var out = [table(header: ["Scenario", "Variant", "Allocator", "Sizes", "Growth", "Interval", "Verdict"], rows: rows), ""]
        if !capped.isEmpty { out += capped.map { "- \($0)" } + [""] }
        let sweepCharts = charts.filter { $0.name.hasPrefix(ReportCharts.sweepPrefix) }
        if !sweepCharts.isEmpty { out += [sweepCharts.map { "![\($0.caption)](\($0.name))" }.joined(separator: " "), ""] }
        return out
    }

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
