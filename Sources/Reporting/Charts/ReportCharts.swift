import Foundation
import BenchModel
import MemoryProbe

/// Every chart of a report, in the order the sections show them: per scenario and size, RSS
/// over time (per configuration for a `bench exec` command), the peak / after-release bars and, for an allocator-sensitive scenario, RSS over
/// time per configuration; then the allocation sites' flame graphs and the sweep charts. Each is
/// drawn in its section's folder; this file only gathers them and holds what they share.
public enum ReportCharts {
    public static let defaultAllocator = "glibc"

    public static func make(report: Report, results: [RunResult], allocator: String = defaultAllocator) -> [ChartFile] {
        var charts: [ChartFile] = []
        for scenario in report.scenarios {
            for size in report.sizes(of: scenario.name) {
                charts += RssOverTimeChart.charts(report: report, scenario: scenario, size: size, results: results, allocator: allocator)
                if let chart = PeakAndReleaseChart.chart(report: report, scenario: scenario, size: size) { charts.append(chart) }
                charts += RssByConfigurationChart.charts(report: report, scenario: scenario, size: size, results: results)
            }
        }
        return charts + FlameGraph.charts(report: report) + SweepChart.charts(report: report)
    }

    /// A name as a file name's part: letters, digits and `-`, anything else `-`.
    static func slug(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
    }

    static let mebibyte = 1_048_576.0

    /// The ok runs of a scenario at one size that carry an RSS series.
    static func withSeries(_ results: [RunResult], scenario: String, size: Int) -> [RunResult] {
        results.filter { $0.scenario == scenario && $0.size == size && $0.status == .ok && !($0.record?.series.rssBytes.isEmpty ?? true) }
    }

    /// The run whose peak is the median of its cell's runs (the lower one of an even count).
    static func medianRun(_ runs: [RunResult]) -> RunResult? {
        medianRun(runs) { Double($0.record?.peakBytes ?? 0) }
    }

    /// The run whose `value` is the median of the runs that have one (the lower one of an even
    /// count): the run a chart draws for a cell, so its line reads the figure the table gives.
    static func medianRun(_ runs: [RunResult], by value: (RunResult) -> Double?) -> RunResult? {
        let ranked = runs.compactMap { run in value(run).map { (run, $0) } }.sorted { $0.1 < $1.1 }
        return ranked.isEmpty ? nil : ranked[(ranked.count - 1) / 2].0
    }
}
