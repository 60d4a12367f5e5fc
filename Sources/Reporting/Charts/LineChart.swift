import Foundation
import BenchModel

/// A line chart (e.g. RSS over time, one line per variant) as SVG: labelled axes with units,
/// a legend under the plot, and an optional dashed reference line per series.
public struct LineChart {
    public struct Series {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }
    }

    public var title: String
    public var subtitle: String?
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// A dashed horizontal line with a label, e.g. the runs' baseline.
    public var reference: (label: String, y: Double)?
    public var width = 800
    public var height = 420

    public init(title: String, subtitle: String? = nil, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.subtitle = subtitle
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    public func render() -> String {
        let left = 72.0, right = 24.0, top = subtitle == nil ? 46.0 : 64.0
        let legendEntries = series.enumerated().map { (label: $0.element.name, color: SVGChart.color($0.offset)) }
        // Measure the legend first, so the plot leaves room for it.
        let (_, legendHeight) = SVGChart.legend(legendEntries, x: left, y: 0, maxWidth: Double(width) - left - right)
        let bottom = 58.0 + legendHeight
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom

        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) }
        let xMax = Swift.max(xs.max() ?? 1, 1e-6)
        let xTicks = SVGChart.ticks(low: 0, high: xMax)
        let xHigh = Swift.max(xMax, xTicks.last ?? xMax)
        let yLowRaw = Swift.min(0, ys.min() ?? 0)
        let yHighRaw = Swift.max(ys.max() ?? 1, yLowRaw + 1)
        let yTicks = SVGChart.ticks(low: yLowRaw, high: yHighRaw * 1.05)
        let yLow = Swift.min(yLowRaw, yTicks.first ?? yLowRaw)
        let yHigh = Swift.max(yHighRaw * 1.05, yTicks.last ?? yHighRaw)
        func px(_ x: Double) -> Double { left + x / xHigh * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - (y - yLow) / (yHigh - yLow) * plotHeight }

        var body: [String] = []
        body.append(SVGChart.text(title, x: left, y: 24, size: 16, weight: "bold"))
        if let subtitle { body.append(SVGChart.text(subtitle, x: left, y: 44, size: 12, fill: "#555555")) }
        let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
        for tick in yTicks {
            body.append(SVGChart.line(x1: left, y1: py(tick), x2: left + plotWidth, y2: py(tick), stroke: "#e3e3e3"))
            body.append(SVGChart.text(SVGChart.tickLabel(tick, step: yStep), x: left - 8, y: py(tick) + 4, anchor: "end", size: 12))
        }
        let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 1
        for tick in xTicks {
            body.append(SVGChart.line(x1: px(tick), y1: top + plotHeight, x2: px(tick), y2: top + plotHeight + 5, stroke: "#444444"))
            body.append(SVGChart.text(SVGChart.tickLabel(tick, step: xStep), x: px(tick), y: top + plotHeight + 19, anchor: "middle", size: 12))
        }
        body.append(SVGChart.line(x1: left, y1: top, x2: left, y2: top + plotHeight, stroke: "#444444"))
        body.append(SVGChart.line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, stroke: "#444444"))
        body.append(SVGChart.text(xLabel, x: left + plotWidth / 2, y: top + plotHeight + 40, anchor: "middle"))
        body.append(SVGChart.text(yLabel, x: 18, y: top + plotHeight / 2, anchor: "middle", rotate: -90))
        if let reference, reference.y >= yLow, reference.y <= yHigh {
            body.append(SVGChart.line(x1: left, y1: py(reference.y), x2: left + plotWidth, y2: py(reference.y), stroke: "#777777", dash: "6 4"))
            body.append(SVGChart.text(reference.label, x: left + plotWidth - 4, y: py(reference.y) + 15, anchor: "end", size: 11, fill: "#555555"))
        }
        for (index, series) in series.enumerated() where !series.points.isEmpty {
            let points = series.points.map { "\(SVGChart.number(px($0.x))),\(SVGChart.number(py($0.y)))" }.joined(separator: " ")
            body.append("<polyline class=\"series\" data-series=\"\(SVGChart.escape(series.name))\" fill=\"none\" stroke=\"\(SVGChart.color(index))\"\(SVGChart.dash(index).map { " stroke-dasharray=\"\($0)\"" } ?? "") stroke-width=\"2\" stroke-linejoin=\"round\" points=\"\(points)\"/>")
        }
        let (legend, _) = SVGChart.legend(legendEntries, x: left, y: top + plotHeight + 62, maxWidth: plotWidth,
                                          dashes: series.indices.map(SVGChart.dash))
        body += legend
        return SVGChart.document(width: width, height: height, title: title, body: body)
    }
}
