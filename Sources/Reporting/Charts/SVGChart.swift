import Foundation
import BenchModel

/// Shared pieces of the report's SVG charts: a document with a white background and a system
/// font, escaped text, evenly spaced "nice" ticks, and a palette that stays apart in greyscale.
/// No tool beyond the package: the charts are plain SVG text.
public enum SVGChart {
    /// Colours for series, in order (Okabe–Ito, distinguishable with colour-blindness).
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    public static func color(_ index: Int) -> String { palette[index % palette.count] }
    /// Past the palette a line repeats a colour, dashed, so that no two lines look alike.
    public static func dash(_ index: Int) -> String? { index < palette.count ? nil : "7 4" }

    /// Escapes text for an SVG element or attribute.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Wraps the body in an `<svg>` document of the given size, with a white background (so the
    /// chart reads the same on GitHub's dark theme) and a title for screen readers.
    public static func document(width: Int, height: Int, title: String, body: [String]) -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">",
            "<title>\(escape(title))</title>",
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        ]
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func text(_ content: String, x: Double, y: Double, anchor: String = "start", size: Int? = nil,
                            weight: String? = nil, fill: String = "#222222", rotate: Double? = nil) -> String {
        var attributes = "x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let size { attributes += " font-size=\"\(size)\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let rotate { attributes += " transform=\"rotate(\(number(rotate)) \(number(x)) \(number(y)))\"" }
        return "<text \(attributes)>\(escape(content))</text>"
    }

    public static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(number(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
    }

    public static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = "") -> String {
        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(Swift.max(0, width)))\" height=\"\(number(Swift.max(0, height)))\" fill=\"\(fill)\"\(extra)/>"
    }

    /// A coordinate with at most two decimals, without a trailing ".00".
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    }

    /// Ticks covering `low...high` at a step of 1, 2 or 5 × 10^n, about `count` of them.
    public static func ticks(low: Double, high: Double, count: Int = 5) -> [Double] {
        let span = high - low
        guard span > 0, span.isFinite else { return [low] }
        let raw = span / Double(Swift.max(1, count))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var value = (low / step).rounded(.down) * step
        while value <= high + step * 1e-9 {
            if value >= low - step * 1e-9 { ticks.append(value) }
            value += step
        }
        return ticks
    }

    /// A tick label: no decimals for whole steps, one or two otherwise.
    public static func tickLabel(_ value: Double, step: Double) -> String {
        if step >= 1 { return String(format: "%.0f", value) }
        return step >= 0.1 ? String(format: "%.1f", value) : String(format: "%.2f", value)
    }

    /// A legend laid out in rows from (x, y), wrapping at `maxWidth`. Returns the elements and
    /// the height used.
    public static func legend(_ entries: [(label: String, color: String)], x: Double, y: Double, maxWidth: Double,
                              dashes: [String?] = []) -> ([String], Double) {
        var elements: [String] = []
        var cursorX = x
        var cursorY = y
        for (index, entry) in entries.enumerated() {
            let width = 28 + Double(entry.label.count) * 7.2
            if cursorX + width > x + maxWidth && cursorX > x {
                cursorX = x
                cursorY += 20
            }
            if index < dashes.count, let dash = dashes[index] {
                elements.append(line(x1: cursorX, y1: cursorY - 4, x2: cursorX + 14, y2: cursorY - 4, stroke: entry.color, width: 2, dash: dash))
            } else {
                elements.append(rect(x: cursorX, y: cursorY - 9, width: 14, height: 10, fill: entry.color))
            }
            elements.append(text(entry.label, x: cursorX + 19, y: cursorY))
            cursorX += width + 12
        }
        return (elements, cursorY - y + 20)
    }
}
