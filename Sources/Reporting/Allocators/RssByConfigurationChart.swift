import BenchModel
import MemoryProbe

/// The chart that answers the allocator question: for each variant of an `AllocatorSensitive`
/// scenario run under two or more configurations, RSS over each run's own baseline against the
/// time since its first phase began, one line per configuration (the median run by peak, or by
/// plateau for a soak: the figure its steady-state line gives), so configurations with different
/// baselines and start-up times line up.
enum RssByConfigurationChart {
    static let prefix = "rss-by-configuration-"

    static func charts(report: Report, scenario: ScenarioDescription, size: Int, results: [RunResult]) -> [ChartFile] {
        guard scenario.allocatorSensitive else { return [] }
        let withSeries = ReportCharts.withSeries(results, scenario: scenario.name, size: size)
        let configurations = report.cells(scenario: scenario.name, size: size).map(\.key.allocator).uniqued()
        var charts: [ChartFile] = []
        for variant in scenario.variants.map(\.name) {
            var series: [LineChart.Series] = []
            var phases: [String] = []
            var figures: [String] = []
            for configuration in configurations {
                let runs = withSeries.filter { $0.variant == variant && $0.allocator == configuration }
                let cell = report.cell(scenario.name, variant, configuration, size)
                guard let (run, figure) = RssOverTimeChart.representative(runs, cell: cell), let record = run.record else { continue }
                figures.append(figure)
                let start = record.phases.first?.startSeconds ?? 0
                let baseline = Double(record.baselineBytes)
                let points = zip(record.series.seconds, record.series.rssBytes)
                    .filter { $0.0 >= start }
                    .map { (x: $0.0 - start, y: (Double($0.1) - baseline) / ReportCharts.mebibyte) }
                series.append(LineChart.Series(name: configuration, points: points))
                // A soak's ten slices are one steady window on a chart's line.
                if phases.isEmpty { phases = record.phases.map { SteadyWindow.phases.contains($0.name) ? "steady window" : $0.name }.uniqued() }
            }
            guard series.count >= 2 else { continue }
            let chart = LineChart(
                title: "\(scenario.name), \(variant), \(grouped(size)) \(scenario.sizeUnit): RSS over time per configuration",
                subtitle: "RSS over baseline (/proc/self/statm), median run by \(figures.uniqued().joined(separator: " or ")); phases: \(phases.joined(separator: " → "))",
                xLabel: "time since the first phase began (seconds)", yLabel: "RSS over baseline (MiB)", series: series)
            charts.append(ChartFile(name: "\(prefix)\(ReportCharts.slug(scenario.name))-\(ReportCharts.slug(variant))-\(size).svg",
                                    scenario: scenario.name, size: size,
                                    caption: "RSS over time of \(variant), one line per allocator configuration", svg: chart.render()))
        }
        return charts
    }
}
