import BenchModel
import MemoryProbe

/// The chart that answers the allocator question: for each variant of an `AllocatorSensitive`
/// scenario run under two or more configurations, RSS over each run's own baseline against the
/// time since its first phase began, one line per configuration, so configurations with different
/// baselines and start-up times line up. Each line is the median run by the figure the scenario's
/// allocator advice is about (after release, settled; by plateau for a soak; by peak otherwise),
/// so the line reads what the table beside it reads at that phase's end.
enum RssByConfigurationChart {
    static let prefix = "rss-by-configuration-"

    static func charts(report: Report, scenario: ScenarioDescription, size: Int, results: [RunResult]) -> [ChartFile] {
        guard scenario.allocatorSensitive else { return [] }
        let withSeries = ReportCharts.withSeries(results, scenario: scenario.name, size: size)
        let configurations = report.cells(scenario: scenario.name, size: size).map(\.key.allocator).uniqued()
        let advised = report.recommendations.first { $0.scenario == scenario.name && $0.size == size }?.allocator?.improves?.metric
        var charts: [ChartFile] = []
        for variant in scenario.variants.map(\.name) {
            var series: [LineChart.Series] = []
            var phases: [String] = []
            var figures: [String] = []
            for configuration in configurations {
                let runs = withSeries.filter { $0.variant == variant && $0.allocator == configuration }
                let cell = report.cell(scenario.name, variant, configuration, size)
                guard let (run, figure) = representative(runs, cell: cell, metric: advised, scenario: scenario),
                      let record = run.record else { continue }
                figures.append(figure)
                let start = record.phases.first?.startSeconds ?? 0
                let baseline = Double(record.baselineBytes)
                let points = zip(record.series.seconds, record.series.rssBytes)
                    .filter { $0.0 >= start }
                    .map { (x: $0.0 - start, y: (Double($0.1) - baseline) / ReportCharts.mebibyte) }
                series.append(LineChart.Series(name: configuration, points: points))
                // A soak's ten slices are one steady window, a settle's checkpoints one settle.
                if phases.isEmpty { phases = record.phases.map { Self.shownPhase($0.name) }.uniqued() }
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

    static func shownPhase(_ name: String) -> String {
        if SteadyWindow.phases.contains(name) { return "steady window" }
        return name.hasPrefix(ComparisonPlan.settlePhase + "-") ? ComparisonPlan.settlePhase : name
    }

    /// The median run by the advised figure where it is read at a phase's end (the plateau for a
    /// service or soak, else the peak: `RssOverTimeChart.representative`). With an even number
    /// of runs, the lower of the two middle ones.
    static func representative(_ runs: [RunResult], cell: CellReport?, metric: Comparison.Metric?,
                               scenario: ScenarioDescription) -> (RunResult, String)? {
        if cell?.steadyState == nil, let metric, let phase = ComparisonPlan.phase(of: metric, release: scenario.releaseFigurePhase) {
            if let run = ReportCharts.medianRun(runs, by: { $0.record?.rssOverBaselineBytes(after: phase) }) { return (run, metric.words) }
        }
        return RssOverTimeChart.representative(runs, cell: cell)
    }
}
