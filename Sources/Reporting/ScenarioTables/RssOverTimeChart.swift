import Foundation
import BenchModel
import MemoryProbe
import Statistics

/// RSS over time at one scenario and size. A built-in scenario: one line per variant (the median
/// run by peak) under one configuration, with the runs' baseline dashed. A `bench exec` command:
/// per variant one line per configuration (the median run by plateau for a service, by peak
/// otherwise), measured from outside, from readiness for a service. The series live in
/// results.jsonl (report.json drops them), so the chart needs the full run results.
enum RssOverTimeChart {
    static let prefix = "rss-"

    static func charts(report: Report, scenario: ScenarioDescription, size: Int, results: [RunResult], allocator: String) -> [ChartFile] {
        if report.hasExecRuns(scenario: scenario.name) {
            return scenario.variants.compactMap { execChart(report: report, scenario: scenario, variant: $0.name, size: size, results: results) }
        }
        return [chart(report: report, scenario: scenario, size: size, results: results, allocator: allocator)].compactMap { $0 }
    }

    /// Under `allocator` if it has series, else the first configuration (in report order) that does.
    static func chart(report: Report, scenario: ScenarioDescription, size: Int, results: [RunResult], allocator: String) -> ChartFile? {
        let withSeries = ReportCharts.withSeries(results, scenario: scenario.name, size: size)
        let order = report.cells(scenario: scenario.name, size: size).map(\.key.allocator)
        guard let chosen = ([allocator] + order).first(where: { name in withSeries.contains { $0.allocator == name } }) else { return nil }
        var series: [LineChart.Series] = []
        var counts: [Int] = []
        var interval: Double?
        var baselines: [Double] = []
        let variants = scenario.variants.map(\.name) + withSeries.map(\.variant).filter { name in !scenario.variants.contains { $0.name == name } }
        for variant in variants.uniqued() {
            let runs = withSeries.filter { $0.variant == variant && $0.allocator == chosen }
            guard let run = ReportCharts.medianRun(runs), let record = run.record else { continue }
            interval = interval ?? record.series.effectiveIntervalMs
            let points = zip(record.series.seconds, record.series.rssBytes).map { (x: $0, y: Double($1) / ReportCharts.mebibyte) }
            series.append(LineChart.Series(name: variant, points: points))
            counts.append(runs.count)
            baselines.append(Double(record.baselineBytes) / ReportCharts.mebibyte)
        }
        guard !series.isEmpty else { return nil }
        let which = counts.allSatisfy { $0 == 1 } ? "one run per variant" : "the median run (by peak) of each variant's \(counts.max() ?? 1) runs"
        let sampling = interval.map { String(format: ", sampled every %.2g ms", $0) } ?? ""
        var chart = LineChart(
            title: "\(scenario.name)\(scenario.sized(size, joiner: ", ")): RSS over time (\(chosen))",
            subtitle: "Whole-process RSS from /proc/self/statm, \(which)\(sampling)",
            xLabel: "time since the worker started (seconds)", yLabel: "RSS (MiB)", series: series)
        // The baseline every table figure is measured over (the median of the plotted runs').
        let baseline = baselines.sorted()[baselines.count / 2]
        chart.reference = (label: String(format: "baseline %.1f MiB", baseline), y: baseline)
        return ChartFile(name: "\(prefix)\(ReportCharts.slug(scenario.name))-\(size).svg", scenario: scenario.name, size: size,
                         caption: "RSS over time under \(chosen), one line per variant", svg: chart.render())
    }

    /// A command's variant under every configuration: one line each, from readiness for a service.
    static func execChart(report: Report, scenario: ScenarioDescription, variant: String, size: Int, results: [RunResult]) -> ChartFile? {
        let withSeries = ReportCharts.withSeries(results, scenario: scenario.name, size: size).filter { $0.variant == variant }
        var series: [LineChart.Series] = []
        var figures: [String] = []
        var counts: [Int] = []
        for cell in report.cells(scenario: scenario.name, size: size) where cell.key.variant == variant {
            let runs = withSeries.filter { $0.allocator == cell.key.allocator }
            guard let (run, figure) = representative(runs, cell: cell), let record = run.record else { continue }
            let start = RunSteadyState.window(run)?.start ?? 0
            let points = zip(record.series.seconds, record.series.rssBytes).filter { $0.0 >= start }
                .map { (x: $0.0 - start, y: Double($0.1) / ReportCharts.mebibyte) }
            series.append(LineChart.Series(name: cell.key.allocator, points: points))
            figures.append(figure)
            counts.append(runs.count)
        }
        guard !series.isEmpty else { return nil }
        let runsOfOne = withSeries.first
        let isService = runsOfOne.flatMap { RunSteadyState.window($0) } != nil
        let measure = runsOfOne?.exec?.service?.measure ?? .tree
        let source = measure == .tree ? "summed over the process tree" : "of the tree's largest process"
        let interval = runsOfOne?.record.map { String(format: ", sampled every %.2g ms from outside", $0.series.effectiveIntervalMs) } ?? ""
        let which = counts.allSatisfy { $0 == 1 } ? "one run per configuration"
            : "median run by \(figures.uniqued().joined(separator: " or ")) of \(counts.max() ?? 1)"
        let named = scenario.variants.count > 1 ? ", \(variant)" : ""
        let chart = LineChart(
            title: "\(scenario.name)\(named)\(scenario.sized(size, joiner: ", ")): RSS over time per configuration",
            subtitle: "/proc/PID/status \(source)\(interval); \(which)",
            xLabel: isService ? "time since the service was ready (seconds)" : "time since the command started (seconds)",
            yLabel: "RSS (MiB)", series: series)
        return ChartFile(name: "\(prefix)\(ReportCharts.slug(scenario.name))-\(ReportCharts.slug(variant))-\(size).svg",
                         scenario: scenario.name, size: size,
                         caption: "RSS over time of \(scenario.name)\(named), one line per allocator configuration (\(which))", svg: chart.render())
    }

    /// The run a chart shows for a cell, and the figure it is the median by: the plateau when the
    /// cell has a steady state (the figure its line and comparisons give), else the peak.
    static func representative(_ runs: [RunResult], cell: CellReport?) -> (RunResult, String)? {
        if let steady = cell?.steadyState {
            let plateaus = Dictionary(steady.runs.map { ($0.repetition, $0.plateauBytes) }, uniquingKeysWith: { first, _ in first })
            if let run = ReportCharts.medianRun(runs, by: { plateaus[$0.repetition] }) { return (run, "plateau") }
        }
        return ReportCharts.medianRun(runs).map { ($0, "peak") }
    }
}
