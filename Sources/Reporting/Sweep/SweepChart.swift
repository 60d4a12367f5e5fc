import BenchModel
import Statistics

/// The sweep chart: for each scenario measured at two or more sizes, the median peak over
/// baseline against the size, one line per variant (under the configuration the sweep ran,
/// glibc by default), from the same growth lines as the sweep table.
enum SweepChart {
    static let prefix = "sweep-"

    static func charts(report: Report) -> [ChartFile] {
        let lines = report.decisions.growth
        return lines.map(\.scenario).uniqued().compactMap { name in
            let configuration = GrowthLine.sweepConfiguration(of: name, in: lines)
            let swept = lines.filter { $0.scenario == name && $0.allocator == configuration && $0.medianPeaks.count >= 2 }
            guard let widest = swept.first else { return nil }
            let series = swept.map { line in
                LineChart.Series(name: line.variant, points: line.medianPeaks.map { (x: Double($0.size), y: $0.bytes / ReportCharts.mebibyte) })
            }
            let unit = widest.sizeUnit
            let chart = LineChart(
                title: "\(name): peak over baseline against size (\(widest.allocator))",
                subtitle: "Median of the runs at each size; the table beside it has the fitted bytes per \(GrowthTrend.singular(unit))",
                xLabel: "size (\(unit))", yLabel: "peak over baseline (MiB)", series: series)
            return ChartFile(name: "\(prefix)\(ReportCharts.slug(name)).svg", scenario: name, size: 0,
                             caption: "Peak over baseline against size, one line per variant", svg: chart.render())
        }
    }
}
