import BenchModel

/// The chart images of a scenario section: relative links to the SVGs beside `report.md`.
extension MarkdownReport {
    static func chartLinks(_ charts: [ChartFile], scenario: String, size: Int) -> [String] {
        let mine = charts.filter { $0.scenario == scenario && $0.size == size && !$0.name.hasPrefix(ReportCharts.sweepPrefix) }
        guard !mine.isEmpty else { return [] }
        return mine.flatMap { ["![\($0.caption)](\($0.name))", ""] }
    }
}
