import Foundation
import BenchModel
import MemoryProbe

/// Peak, after-release (and where the variant idles, settled) bars per variant × configuration
/// at one scenario and size, medians with the runs' min–max as whiskers.
enum PeakAndReleaseChart {
    static let prefix = "bars-"

    static func chart(report: Report, scenario: ScenarioDescription, size: Int) -> ChartFile? {
        let phase = scenario.releaseFigurePhase
        let settle = ComparisonPlan.settlePhase
        let groups: [BarChart.Group] = report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok }.compactMap { cell in
            var bars: [BarChart.Bar] = []
            func bar(_ metric: String, _ summary: Summary?) {
                guard let summary else { return }
                bars.append(BarChart.Bar(metric: metric, value: summary.median / ReportCharts.mebibyte,
                                         low: summary.min / ReportCharts.mebibyte, high: summary.max / ReportCharts.mebibyte))
            }
            bar("peak", cell.peakOverBaselineBytes)
            bar("after \(phase)", cell.rssAfterPhaseOverBaselineBytes[phase])
            // Settled beside them where the variant idles after release.
            if phase != settle { bar("after \(settle)", cell.rssAfterPhaseOverBaselineBytes[settle]) }
            return bars.isEmpty ? nil : BarChart.Group(label: "\(cell.key.variant) · \(cell.key.allocator)", bars: bars)
        }
        guard !groups.isEmpty else { return nil }
        let settles = phase != settle && groups.contains { $0.bars.contains { $0.metric == "after \(settle)" } }
        let chart = BarChart(
            title: "\(scenario.name), \(grouped(size)) \(scenario.sizeUnit): peak, after \(phase)\(settles ? " and after settle" : "")",
            subtitle: "RSS over each run's baseline, median of the runs; whiskers span the runs' min–max",
            valueLabel: "RSS over baseline (MiB)", groups: groups)
        return ChartFile(name: "\(prefix)\(ReportCharts.slug(scenario.name))-\(size).svg", scenario: scenario.name, size: size,
                         caption: "Peak\(settles ? ", after-\(phase) and after-settle" : " and after-\(phase)") RSS per variant and allocator", svg: chart.render())
    }
}
