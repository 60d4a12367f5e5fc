import BenchModel

/// One chart of a report: an SVG file written next to `report.md` and linked from its
/// scenario's section.
public struct ChartFile: Sendable {
    public var name: String
    public var scenario: String
    public var size: Int
    /// Alt text and caption, e.g. "RSS over time, glibc".
    public var caption: String
    public var svg: String

    /// "![caption](name)": the chart shown where a section links it.
    var image: Markdown { "![\(caption)](\(name))" }

    /// The images of one scenario at one size, in chart order (sweep charts are the sweep's).
    static func images(_ charts: [ChartFile], scenario: String, size: Int) -> [Markdown] {
        charts.filter { $0.scenario == scenario && $0.size == size && !$0.name.hasPrefix(SweepChart.prefix) }.map(\.image)
    }
}
