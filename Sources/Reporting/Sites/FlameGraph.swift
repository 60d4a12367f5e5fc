import Foundation
import BenchModel

/// A flame graph of the bytes in use at the end of a cell's peak phase, from its collapsed
/// stacks (`--sites`): the workload's outermost frame at the bottom, each frame as wide as the
/// bytes allocated under it, the allocating frames on top. Hover a frame for its bytes.
public enum FlameGraph {
    static let width = 1200.0
    static let rowHeight = 17.0
    static let margin = 10.0
    static let characterWidth = 6.6

    /// One chart per profiled cell that has a peak phase.
    public static func charts(report: Report) -> [ChartFile] {
        (report.sites ?? []).compactMap { cell in
            guard let phase = cell.peakPhase, let stacks = cell.peakStacks, !stacks.isEmpty else { return nil }
            let profile = "jemalloc heap profile, one sample per \((1 << cell.lgProfSample) / 1024) KiB"
            let caption = "Bytes in use at the end of \(phase), \(cell.variant) (\(profile))"
            return ChartFile(name: fileName(cell), scenario: cell.scenario, size: cell.size, caption: caption,
                             svg: svg(stacks: stacks, title: "\(cell.scenario) · \(cell.variant): bytes in use at the end of \(phase) (\(profile))"))
        }
    }

    public static func fileName(_ cell: CellSites) -> String {
        "sites-\(ReportCharts.slug(cell.scenario))-\(ReportCharts.slug(cell.variant))-\(cell.size).svg"
    }

    /// A frame of the graph: its name, its bytes and its callees.
    final class Node {
        let name: String
        var bytes = 0
        var children: [Node] = []
        init(_ name: String) { self.name = name }

        func child(_ name: String) -> Node {
            if let found = children.first(where: { $0.name == name }) { return found }
            let node = Node(name)
            children.append(node)
            return node
        }

        var depth: Int { 1 + (children.map(\.depth).max() ?? 0) }
    }

    static func tree(_ stacks: [FoldedStack]) -> Node {
        let root = Node("all")
        for stack in stacks {
            root.bytes += stack.bytes
            var node = root
            for frame in stack.frames {
                node = node.child(frame)
                node.bytes += stack.bytes
            }
        }
        return root
    }

    public static func svg(stacks: [FoldedStack], title: String) -> String {
        let root = tree(stacks)
        let depth = root.depth
        let top = 44.0
        let height = top + Double(depth) * rowHeight + margin
        var body = [SVGChart.text(title, x: margin, y: 24, size: 14, weight: "bold")]
        let scale = (width - 2 * margin) / Double(max(1, root.bytes))
        func draw(_ node: Node, x: Double, level: Int) {
            let frameWidth = Double(node.bytes) * scale
            guard frameWidth >= 0.5 else { return }
            let y = height - margin - Double(level + 1) * rowHeight
            let share = Double(node.bytes) / Double(max(1, root.bytes)) * 100
            let tip = "\(node.name): \(formatBytes(node.bytes)) (\(String(format: "%.1f", share)) %)"
            let name = level == 0 ? "all: \(formatBytes(node.bytes)) in use, sampled" : node.name
            body.append("<g><title>\(SVGChart.escape(tip))</title>")
            body.append(SVGChart.rect(x: x, y: y, width: frameWidth - 0.5, height: rowHeight - 1, fill: color(node.name, level: level),
                                      extra: " rx=\"2\""))
            let fits = Int((frameWidth - 6) / characterWidth)
            if fits >= 3 {
                let label = name.count <= fits ? name : String(name.prefix(fits - 2)) + ".."
                body.append(SVGChart.text(label, x: x + 3, y: y + rowHeight - 5, size: 11))
            }
            body.append("</g>")
            var childX = x
            for child in node.children.sorted(by: { $0.name < $1.name }) {
                draw(child, x: childX, level: level + 1)
                childX += Double(child.bytes) * scale
            }
        }
        draw(root, x: margin, level: 0)
        return SVGChart.document(width: Int(width), height: Int(height), title: title, body: body)
    }

    /// Warm colours, the same for the same name in every graph (a stable hash, not Swift's).
    static func color(_ name: String, level: Int) -> String {
        if level == 0 { return "#c8c8c8" }
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let red = 205 + Int(hash % 50), green = 80 + Int((hash >> 8) % 130), blue = Int((hash >> 16) % 55)
        return String(format: "#%02x%02x%02x", red, green, blue)
    }

    static func formatBytes(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return mebibytes(Double(bytes)) }
        return bytes >= 1024 ? String(format: "%.1f KiB", Double(bytes) / 1024) : "\(bytes) B"
    }
}
