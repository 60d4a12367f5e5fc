import Foundation
import BenchModel
import MemoryProbe

extension MarkdownReport {
    /// The scenario's own figures at one size (medians of the runs' checks), then whether the
    /// outputs that must be identical were.
    static func figuresTable(_ report: Report, scenario: ScenarioDescription, size: Int) -> [String] {
        guard let (figures, byAllocator) = report.figures(of: scenario.name) else { return [] }
        let records = report.okRecords(scenario.name, size: size)
        guard !records.isEmpty else { return [] }
        let shown = figures.filter { figure in records.contains { $0.record?.checks[figure.check] != nil } }
        var groups: [(label: [String], runs: [RunResult])] = []
        for run in records {
            let label = byAllocator ? ["`\(run.variant)`", run.allocator] : ["`\(run.variant)`"]
            if let index = groups.firstIndex(where: { $0.label == label }) {
                groups[index].runs.append(run)
            } else {
                groups.append((label, [run]))
            }
        }
        let order = scenario.variants.map(\.name)
        groups.sort { (order.firstIndex(of: $0.runs[0].variant) ?? .max) < (order.firstIndex(of: $1.runs[0].variant) ?? .max) }
        let header = (byAllocator ? ["Variant", "Allocator"] : ["Variant"]) + shown.map(\.label) + ["Runs"]
        let rows: [[String]] = groups.map { group in
            group.label + shown.map { figure in
                let values = group.runs.compactMap { $0.record?.checks[figure.check] }
                return format(values, figure.format)
            } + ["\(group.runs.count)"]
        }
        var out = ["Figures (medians of the runs' checks\(byAllocator ? "" : " over every allocator configuration")):", "",
                   table(header: header, rows: rows, rightAlignedFrom: byAllocator ? 2 : 1), ""]
        for agreement in report.agreements(scenario.name, size: size) {
            if agreement.agrees {
                let variants = agreement.values.first?.variants ?? []
                out.append("- \(agreement.figure.label): identical in all \(agreement.runs) runs that report it (\(variants.map { "`\($0)`" }.joined(separator: ", "))).")
            } else {
                out.append("- **Mismatch** in \(agreement.figure.label.lowercased()): "
                    + agreement.values.map { "\(hex($0.value)) from \($0.variants.map { "`\($0)`" }.joined(separator: ", "))" }.joined(separator: "; ") + ".")
            }
        }
        if !report.agreements(scenario.name, size: size).isEmpty { out.append("") }
        return out
    }

    static func format(_ values: [Int], _ format: ScenarioFigure.Format) -> String {
        guard let summary = Summary(values.map(Double.init)) else { return "–" }
        let median = summary.median
        switch format {
        case .count: return grouped(Int(median.rounded()))
        case .bytes: return mebibytes(median)
        case .perMille: return String(format: "%.1f %%", median / 10)
        case .nanoseconds: return median >= 10_000 ? String(format: "%.1f µs", median / 1_000) : String(format: "%.0f ns", median)
        case .perSecond: return "\(grouped(Int(median.rounded())))/s"
        case .hash: return Set(values).count == 1 ? hex(values[0]) : "differs"
        }
    }

    /// A check's 64 bits as 16 hex digits.
    static func hex(_ value: Int) -> String {
        let digits = String(UInt64(bitPattern: Int64(value)), radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }
}
