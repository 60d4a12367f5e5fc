import BenchModel

extension MergedReport {
    /// A chart per scenario: one group per testbed, a bar per variant × configuration (peak RSS
    /// over baseline at the scenario's largest size on that testbed, median of the runs, whiskers
    /// min–max), read from each testbed's own cells.
    public func charts() -> [ChartFile] {
        scenarios.compactMap { scenario -> ChartFile? in
            let groups = testbeds.compactMap { testbed -> BarChart.Group? in
                let cells = testbed.report.cells.filter { $0.key.scenario == scenario.scenario && $0.peakOverBaselineBytes != nil }
                guard let size = cells.map(\.key.size).max() else { return nil }
                let bars = cells.filter { $0.key.size == size }.compactMap { cell -> BarChart.Bar? in
                    guard let peak = cell.peakOverBaselineBytes else { return nil }
                    return BarChart.Bar(metric: "\(cell.key.variant) · \(cell.key.allocator)", value: peak.median / 1_048_576,
                                        low: peak.min / 1_048_576, high: peak.max / 1_048_576)
                }
                return bars.isEmpty ? nil : BarChart.Group(label: "\(testbed.testbed.name) (\(grouped(size)))", bars: bars)
            }
            guard !groups.isEmpty else { return nil }
            let chart = BarChart(title: "\(scenario.scenario): peak RSS per testbed",
                                 subtitle: "RSS over each run's baseline at the largest size, median of the runs; whiskers span min–max",
                                 valueLabel: "peak RSS over baseline (MiB)", groups: groups)
            return ChartFile(name: "testbeds-\(ReportCharts.slug(scenario.scenario)).svg", scenario: scenario.scenario, size: 0,
                             caption: "Peak RSS of \(scenario.scenario) per testbed", svg: chart.render())
        }
    }
}
