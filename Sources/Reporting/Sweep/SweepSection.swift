import Foundation
import BenchModel
import MemoryProbe
import Statistics

/// "## Size sweep": the fitted growth of every variant measured at several sizes, with its
/// verdict (`ReportDecisions.growth`). report.md shows it once: one table of slopes, the sweep
/// configuration's, and the charts. details.md has per scenario the median peak at each size
/// for every configuration's line, each with its sentence.
struct SweepSection: ReportSection {
    var report: Report
    var charts: [ChartFile]

    var lines: [GrowthLine] { report.decisions.growth }
    var scenarios: [String] { lines.map(\.scenario).uniqued() }

    var introduction: [Markdown] {
        ["## Size sweep", "",
         "Peak RSS over baseline against the size, fitted by least squares through every run, with the slope's 95 % interval. "
            + "*Grows with N*: the interval excludes zero and the fitted growth over the sizes exceeds the floor (the variant's own run-to-run variation, at least the instrument's); "
            + "*flat*: even the interval's extreme, over the whole range, stays under the floor; otherwise *no clear trend*. The tables per size are in \(MarkdownReport.detailsLink()).", ""]
    }

    /// The sweep's configuration of each scenario (the one measured at the most sizes; the lines
    /// of the others, fitted through the main size and a capped variant's size, are in the
    /// details file), one row per variant: bytes per unit of size with its interval and verdict;
    /// capped variants named below; the charts in a row.
    var summary: [Markdown] {
        guard !lines.isEmpty else { return [] }
        var rows: [[Markdown]] = []
        var capped: [Markdown] = []
        for scenario in scenarios {
            let widest = GrowthLine.sweepConfiguration(of: scenario, in: lines)
            for line in lines where line.scenario == scenario && line.allocator == widest {
                let sizes = line.medianPeaks.map(\.size)
                let range = "\(grouped(sizes.min() ?? 0))–\(grouped(sizes.max() ?? 0)) \(line.sizeUnit)"
                rows.append(["\(scenario)", "\(code: line.variant)", "\(line.allocator)", "\(range)",
                             "\(String(format: "%+.0f bytes per %@", line.trend.slope, GrowthTrend.singular(line.sizeUnit)))",
                             "\(Self.slopeInterval(line))", "\(Self.words(line.trend.kind))"])
            }
            capped += cappedVariants(scenario).map { "- \(code: $0.name) (\(scenario)): capped at \(grouped($0.maximumSize ?? 0)), not swept." }
        }
        var out = introduction + [.table(header: ["Scenario", "Variant", "Allocator", "Sizes", "Growth", "Interval", "Verdict"], rows: rows), ""]
        if !capped.isEmpty { out += capped + [""] }
        let sweepCharts = charts.filter { $0.name.hasPrefix(SweepChart.prefix) }
        if !sweepCharts.isEmpty { out += [.joined(sweepCharts.map(\.image), separator: " "), ""] }
        return out
    }

    var details: [Markdown] {
        guard !lines.isEmpty else { return [] }
        var out = introduction
        for scenario in scenarios {
            let mine = lines.filter { $0.scenario == scenario }
            let sizes = Set(mine.flatMap { $0.medianPeaks.map(\.size) }).sorted()
            let unit = mine.first?.sizeUnit ?? ""
            out += ["### \(scenario)", ""]
            let header: [Markdown] = ["Variant", "Allocator"] + sizes.map { "Peak at \(grouped($0)) \(unit)" }
                + ["Bytes per \(GrowthTrend.singular(unit))", "Interval", "R²", "Floor", "Verdict"]
            let rows: [[Markdown]] = mine.map { line in
                let peaks: [Markdown] = sizes.map { size in "\(line.medianPeaks.first { $0.size == size }.map { mebibytes($0.bytes, signed: true) } ?? "–")" }
                let fit = line.trend.rSquared.map { String(format: "%.2f", $0) } ?? "–"
                return ["\(code: line.variant)", "\(line.allocator)"] + peaks
                    + ["\(String(format: "%+.0f", line.trend.slope))", "\(Self.slopeInterval(line))", "\(fit)", "\(mebibytes(line.trend.floor))",
                       "\(line.trend.kind.rawValue)"]
            }
            out += [.table(header: header, rows: rows, rightAlignedFrom: 2), ""]
            out += mine.map { "- \($0.sentence)" } + [""]
            let capped = cappedVariants(scenario)
            if !capped.isEmpty { out += capped.map { "- \(code: $0.name): capped at \(grouped($0.maximumSize ?? 0)) \(unit), not swept." } + [""] }
        }
        return out
    }

    /// The scenario's variants that never ran at two sizes because of their maximum size.
    func cappedVariants(_ scenario: String) -> [ScenarioVariant] {
        GrowthLine.capped(report).filter { $0.scenario.name == scenario }.map(\.variant)
    }

    /// "+325 to +330", the slope's interval in units of y per unit of size; "–" without one.
    static func slopeInterval(_ line: GrowthLine) -> String {
        line.trend.slopeInterval.map { String(format: "%+.0f to %+.0f", $0.lower, $0.upper) } ?? "–"
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
