import Foundation
import BenchModel
import MemoryProbe

/// RSS over time at one scenario and size, one line per variant (the median run by peak) under
/// one configuration, with the runs' baseline dashed. The series live in results.jsonl
/// (report.json drops them), so the chart needs the full run results.
enum RssOverTimeChart {
    static let prefix = "rss-"

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
            title: "\(scenario.name), \(grouped(size)) \(scenario.sizeUnit): RSS over time (\(chosen))",
            subtitle: "Whole-process RSS from /proc/self/statm, \(which)\(sampling)",
            xLabel: "time since the worker started (seconds)", yLabel: "RSS (MiB)", series: series)
        // The baseline every table figure is measured over (the median of the plotted runs').
        let baseline = baselines.sorted()[baselines.count / 2]
        chart.reference = (label: String(format: "baseline %.1f MiB", baseline), y: baseline)
        return ChartFile(name: "\(prefix)\(ReportCharts.slug(scenario.name))-\(size).svg", scenario: scenario.name, size: size,
                         caption: "RSS over time under \(chosen), one line per variant", svg: chart.render())
    }
}
