import Foundation
import BenchModel
import MemoryProbe

/// The scenario's own figures at one size (medians of the runs' checks), then whether the
/// outputs that must be identical were.
struct FiguresTable {
    var report: Report
    var scenario: ScenarioDescription
    var size: Int

    var lines: [Markdown] {
        guard let (figures, byAllocator) = report.figures(of: scenario.name) else { return [] }
        let runs = report.okRuns(scenario.name, size: size)
        guard !runs.isEmpty else { return [] }
        let shown = figures.filter { figure in runs.contains { $0.record?.checks[figure.check] != nil } }
        let order = scenario.variants.map(\.name)
        let groups = runs.groupedInOrder { run -> [Markdown] in
            byAllocator ? ["\(code: run.variant)", "\(run.allocator)"] : ["\(code: run.variant)"]
        }.map { (label: $0.key, runs: $0.elements) }
            .sorted { (order.firstIndex(of: $0.runs[0].variant) ?? .max) < (order.firstIndex(of: $1.runs[0].variant) ?? .max) }
        let header: [Markdown] = (byAllocator ? ["Variant", "Allocator"] : ["Variant"]) + shown.map { "\($0.label)" } + ["Runs"]
        let rows: [[Markdown]] = groups.map { group in
            group.label + shown.map { figure in "\(Self.format(group.runs.compactMap { $0.record?.checks[figure.check] }, figure.format))" }
                + ["\(group.runs.count)"]
        }
        var out: [Markdown] = ["Figures (medians of the runs' checks\(byAllocator ? "" : " over every allocator configuration")):", "",
                               .table(header: header, rows: rows, rightAlignedFrom: byAllocator ? 2 : 1), ""]
        let agreements = report.agreements(scenario.name, size: size)
        for agreement in agreements {
            if agreement.agrees {
                let variants = agreement.values.first?.variants ?? []
                out.append("- \(agreement.figure.label): identical in all \(agreement.runs) runs that report it (\(Markdown.joined(variants.map { "\(code: $0)" }, separator: ", "))).")
            } else {
                let values = agreement.values.map { value -> Markdown in
                    "\(FigureText.hex(value.value)) from \(Markdown.joined(value.variants.map { "\(code: $0)" }, separator: ", "))"
                }
                out.append("- **Mismatch** in \(agreement.figure.label.lowercased()): \(Markdown.joined(values, separator: "; ")).")
            }
        }
        if !agreements.isEmpty { out.append("") }
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
        case .hash: return Set(values).count == 1 ? FigureText.hex(values[0]) : "differs"
        }
    }
}
