import Foundation
import BenchModel
import MemoryProbe

/// One chart of a report: an SVG file written next to `report.md` and linked from its scenario's
/// section.
public struct ChartFile: Sendable {
    public var name: String
    public var scenario: String
    public var size: Int
    /// Alt text and caption, e.g. "RSS over time, glibc".
    public var caption: String
    public var svg: String
}

/// The charts of a report: per scenario and size, RSS over time (one line per variant, for one
/// allocator, from the runs' sampled series) and peak / after-release bars per variant ×
/// allocator with the runs' min–max as whiskers. The series live in `results.jsonl` (report.json
/// drops them), so the line chart needs the full run results.
public enum ReportCharts {
    public static let defaultAllocator = "glibc"

    public static func make(report: Report, results: [RunResult], allocator: String = defaultAllocator) -> [ChartFile] {
        var charts: [ChartFile] = []
        for scenario in report.scenarios {
            for size in report.sizes(of: scenario.name) {
                if let chart = rssOverTime(report: report, scenario: scenario, size: size, results: results, allocator: allocator) {
                    charts.append(chart)
                }
                if let chart = peakAndRelease(report: report, scenario: scenario, size: size) { charts.append(chart) }
                charts += rssByConfiguration(report: report, scenario: scenario, size: size, results: results)
            }
        }
        charts += FlameGraph.charts(report: report)
        return charts + sweep(report: report)
    }

    static func slug(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
    }

    static let mebibyte = 1_048_576.0

    /// The run whose peak is the median of its cell's runs (the lower one of an even count).
    static func medianRun(_ runs: [RunResult]) -> RunResult? {
        let sorted = runs.sorted { ($0.record?.peakBytes ?? 0) < ($1.record?.peakBytes ?? 0) }
        return sorted.isEmpty ? nil : sorted[(sorted.count - 1) / 2]
    }

    static func rssOverTime(report: Report, scenario: ScenarioDescription, size: Int, results: [RunResult], allocator: String) -> ChartFile? {
        let withSeries = results.filter {
            $0.scenario == scenario.name && $0.size == size && $0.status == .ok && !($0.record?.series.rssBytes.isEmpty ?? true)
        }
        // The chosen allocator if it has series; otherwise the first allocator (in report order) that does.
        let order = report.cells(scenario: scenario.name, size: size).map(\.key.allocator)
        guard let chosen = ([allocator] + order).first(where: { name in withSeries.contains { $0.allocator == name } }) else { return nil }
        var series: [LineChart.Series] = []
        var counts: [Int] = []
        var interval: Double?
        var medians: [Double] = []
        let variants = scenario.variants.map(\.name) + withSeries.map(\.variant).filter { name in !scenario.variants.contains { $0.name == name } }
        for variant in variants.uniqued() {
            let runs = withSeries.filter { $0.variant == variant && $0.allocator == chosen }
            guard let run = medianRun(runs), let record = run.record else { continue }
            interval = interval ?? record.series.effectiveIntervalMs
            let points = zip(record.series.seconds, record.series.rssBytes).map { (x: $0, y: Double($1) / mebibyte) }
            series.append(LineChart.Series(name: variant, points: points))
            counts.append(runs.count)
            medians.append(Double(record.baselineBytes) / mebibyte)
        }
        guard !series.isEmpty else { return nil }
        let baselines = medians.sorted()
        let which = counts.allSatisfy { $0 == 1 } ? "one run per variant" : "the median run (by peak) of each variant's \(counts.max() ?? 1) runs"
        let sampling = interval.map { String(format: ", sampled every %.2g ms", $0) } ?? ""
        var chart = LineChart(
            title: "\(scenario.name), \(grouped(size)) \(scenario.sizeUnit): RSS over time (\(chosen))",
            subtitle: "Whole-process RSS from /proc/self/statm, \(which)\(sampling)",
            xLabel: "time since the worker started (seconds)", yLabel: "RSS (MiB)", series: series)
        // The baseline every table figure is measured over (the median of the plotted runs').
        let baseline = baselines[baselines.count / 2]
        chart.reference = (label: String(format: "baseline %.1f MiB", baseline), y: baseline)
        return ChartFile(name: "rss-\(slug(scenario.name))-\(size).svg", scenario: scenario.name, size: size,
                         caption: "RSS over time under \(chosen), one line per variant", svg: chart.render())
    }

    static func releasePhase(_ scenario: ScenarioDescription) -> String {
        scenario.releasePhase ?? (scenario.reportedPhases.contains("release") ? "release" : (scenario.reportedPhases.last ?? ""))
    }

    static func peakAndRelease(report: Report, scenario: ScenarioDescription, size: Int) -> ChartFile? {
        let phase = releasePhase(scenario)
        let groups: [BarChart.Group] = report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok }.compactMap { cell in
            var bars: [BarChart.Bar] = []
            func bar(_ metric: String, _ summary: Summary?) {
                guard let summary else { return }
                bars.append(BarChart.Bar(metric: metric, value: summary.median / mebibyte,
                                         low: summary.min / mebibyte, high: summary.max / mebibyte))
            }
            bar("peak", cell.peakOverBaselineBytes)
            bar("after \(phase)", cell.rssAfterPhaseOverBaselineBytes[phase])
            // Settled beside them where the variant idles after release (`ComparisonPlan.settlePhase`).
            if phase != ComparisonPlan.settlePhase { bar("after \(ComparisonPlan.settlePhase)", cell.rssAfterPhaseOverBaselineBytes[ComparisonPlan.settlePhase]) }
            return bars.isEmpty ? nil : BarChart.Group(label: "\(cell.key.variant) · \(cell.key.allocator)", bars: bars)
        }
        guard !groups.isEmpty else { return nil }
        let settles = phase != ComparisonPlan.settlePhase && groups.contains { $0.bars.contains { $0.metric == "after \(ComparisonPlan.settlePhase)" } }
        let chart = BarChart(
            title: "\(scenario.name), \(grouped(size)) \(scenario.sizeUnit): peak, after \(phase)\(settles ? " and after settle" : "")",
            subtitle: "RSS over each run's baseline, median of the runs; whiskers span the runs' min–max",
            valueLabel: "RSS over baseline (MiB)", groups: groups)
        return ChartFile(name: "bars-\(slug(scenario.name))-\(size).svg", scenario: scenario.name, size: size,
                         caption: "Peak\(settles ? ", after-\(phase) and after-settle" : " and after-\(phase)") RSS per variant and allocator", svg: chart.render())
    }
}
