import Foundation
import BenchModel

/// Horizontal grouped bars (e.g. peak and RSS after release, per variant × allocator) with a
/// whisker from each bar's minimum to maximum run, so the runs' spread is visible next to the
/// difference.
public struct BarChart {
    public struct Bar {
        public var metric: String
        public var value: Double
        public var low: Double?
        public var high: Double?
        public init(metric: String, value: Double, low: Double? = nil, high: Double? = nil) {
            self.metric = metric
            self.value = value
            self.low = low
            self.high = high
        }
    }

    public struct Group {
        public var label: String
        public var bars: [Bar]
        public init(label: String, bars: [Bar]) {
            self.label = label
            self.bars = bars
        }
    }

    public var title: String
    public var subtitle: String?
    public var valueLabel: String
    public var groups: [Group]
    public var width = 800

    public init(title: String, subtitle: String? = nil, valueLabel: String, groups: [Group]) {
        self.title = title
        self.subtitle = subtitle
        self.valueLabel = valueLabel
        self.groups = groups
    }

    public func render() -> String {
        let metrics = groups.flatMap { $0.bars.map(\.metric) }.uniqued()
        let barHeight = 12.0, barGap = 2.0, groupGap = 10.0
        let groupHeight = Double(metrics.count) * (barHeight + barGap) - barGap
        let labelWidth = Swift.min(300, Swift.max(120, Double(groups.map(\.label.count).max() ?? 10) * 7.0 + 16))
        let left = labelWidth, right = 80.0, top = subtitle == nil ? 46.0 : 64.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(groups.count) * (groupHeight + groupGap) + groupGap
        let height = Int(top + plotHeight + 100)

        let values = groups.flatMap { $0.bars.flatMap { [$0.value, $0.low ?? $0.value, $0.high ?? $0.value] } }
        let low = Swift.min(0, values.min() ?? 0)
        let ticks = SVGChart.ticks(low: low, high: Swift.max(values.max() ?? 1, low + 1))
        let lowEdge = Swift.min(low, ticks.first ?? low)
        let highEdge = Swift.max(values.max() ?? 1, ticks.last ?? 1, lowEdge + 1)
        func px(_ value: Double) -> Double { left + (value - lowEdge) / (highEdge - lowEdge) * plotWidth }

        var body: [String] = []
        body.append(SVGChart.text(title, x: 12, y: 24, size: 16, weight: "bold"))
        if let subtitle { body.append(SVGChart.text(subtitle, x: 12, y: 44, size: 12, fill: "#555555")) }
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        for tick in ticks {
            body.append(SVGChart.line(x1: px(tick), y1: top, x2: px(tick), y2: top + plotHeight, stroke: "#e3e3e3"))
            body.append(SVGChart.text(SVGChart.tickLabel(tick, step: step), x: px(tick), y: top + plotHeight + 18, anchor: "middle", size: 12))
        }
        body.append(SVGChart.line(x1: px(0), y1: top, x2: px(0), y2: top + plotHeight, stroke: "#444444"))
        body.append(SVGChart.text(valueLabel, x: left + plotWidth / 2, y: top + plotHeight + 40, anchor: "middle"))
        for (groupIndex, group) in groups.enumerated() {
            let groupTop = top + groupGap + Double(groupIndex) * (groupHeight + groupGap)
            body.append(SVGChart.text(group.label, x: left - 8, y: groupTop + groupHeight / 2 + 4, anchor: "end", size: 12))
            for bar in group.bars {
                guard let metricIndex = metrics.firstIndex(of: bar.metric) else { continue }
                let y = groupTop + Double(metricIndex) * (barHeight + barGap)
                let x0 = px(Swift.min(0, bar.value)), x1 = px(Swift.max(0, bar.value))
                body.append(SVGChart.rect(x: x0, y: y, width: x1 - x0, height: barHeight, fill: SVGChart.color(metricIndex),
                                          extra: " class=\"bar\" data-series=\"\(SVGChart.escape(bar.metric))\" data-group=\"\(SVGChart.escape(group.label))\""))
                if let barLow = bar.low, let barHigh = bar.high, barHigh > barLow {
                    body.append(SVGChart.line(x1: px(barLow), y1: y + barHeight / 2, x2: px(barHigh), y2: y + barHeight / 2, stroke: "#222222", width: 1.5))
                    body.append(SVGChart.line(x1: px(barLow), y1: y + 2, x2: px(barLow), y2: y + barHeight - 2, stroke: "#222222", width: 1.5))
                    body.append(SVGChart.line(x1: px(barHigh), y1: y + 2, x2: px(barHigh), y2: y + barHeight - 2, stroke: "#222222", width: 1.5))
                }
                body.append(SVGChart.text(String(format: "%.1f", bar.value), x: px(Swift.max(bar.value, bar.high ?? bar.value)) + 4, y: y + barHeight - 2, size: 11, fill: "#444444"))
            }
        }
        var entries = metrics.enumerated().map { (label: $0.element, color: SVGChart.color($0.offset)) }
        if groups.contains(where: { $0.bars.contains { ($0.high ?? 0) > ($0.low ?? 0) } }) {
            entries.append((label: "whisker: min–max of runs", color: "#222222"))
        }
        let (legend, _) = SVGChart.legend(entries, x: 12, y: top + plotHeight + 66, maxWidth: Double(width) - 24)
        body += legend
        return SVGChart.document(width: width, height: height, title: title, body: body)
    }
}
