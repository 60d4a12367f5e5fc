import Foundation
import BenchModel
import Statistics

extension ReportComparison {
    /// The Markdown table and lists `bench compare` prints (names are text, as in report.md).
    public func markdown(basePath: String, headPath: String) -> String {
        var out: [Markdown] = ["## MemoryBench compare: \(metric.label)", "",
                               metric == .allocations ? Self.allocationMethod(basePath: basePath, headPath: headPath, absoluteThreshold: absoluteThreshold, thresholdPercent: thresholdPercent)
                                : "Base \(code: basePath) → head \(code: headPath); threshold \(String(format: "%g", thresholdPercent)) %. "
                                    + "A change is a regression or an improvement only when it is beyond noise (a t test on the workload's pooled run-to-run noise, a practical floor of at least 5 σ and 2 %, Holm over every cell) and beyond the threshold; *undecided* cells need more runs and never fail the gate.", ""]
        for warning in warnings { out += ["> **Note:** \(warning).", ""] }
        if let crossMachine { out += ["> **Cross-machine:** \(crossMachine); every difference below mixes the change with the machines'.", ""] }
        let table = Markdown.table(
            header: ["Scenario", "Variant", "Allocator", "Size", "Verdict", "Base", "Head", "Change", "Base spread", "Head spread"],
            rows: rows.map { row in
                ["\((crossMachine == nil ? "" : "cross-machine: ") + row.key.scenario)", "\(code: row.key.variant)", "\(row.key.allocator)",
                 "\(grouped(row.key.size))", row.verdict == .regression ? "**regression**" : "\(row.verdict.rawValue)",
                 "\(metric.format(row.base.median))", "\(metric.format(row.head.median))",
                 "\(metric.format(row.head.median - row.base.median, signed: true) + (row.changePercent.map { String(format: " (%+.1f %%)", $0) } ?? ""))",
                 "\(Self.spread(row.base))", "\(Self.spread(row.head))"]
            }, rightAlignedFrom: 5)
        out += [table, ""]
        func cells(_ keys: [CellKey]) -> Markdown {
            .joined(keys.map { "\($0.scenario) \(code: $0.variant) × \($0.allocator) at \(grouped($0.size))" }, separator: "; ")
        }
        if !onlyInBase.isEmpty { out += ["Only in base: \(cells(onlyInBase)).", ""] }
        if !onlyInHead.isEmpty { out += ["Only in head: \(cells(onlyInHead)).", ""] }
        if !notCompared.isEmpty {
            out += ["Not compared: \(Markdown.joined(notCompared.map { "\($0.key.scenario) \(code: $0.key.variant) × \($0.key.allocator) (\($0.reason))" }, separator: "; ")).", ""]
        }
        let count = { (verdict: Verdict) in rows.filter { $0.verdict == verdict }.count }
        out.append("**\(count(.regression)) regression(s)**, \(count(.improvement)) improvement(s), \(count(.belowThreshold)) below threshold, "
            + "\(metric == .allocations ? "\(count(.unchanged)) unchanged, " : "")\(count(.withinNoise)) within noise, \(count(.undecided)) undecided, \(count(.notJudged)) not judged, of \(rows.count) cell(s)\(crossMachine == nil ? "" : ", cross-machine").")
        return Markdown.document(out)
    }

    static func spread(_ summary: Summary) -> String {
        guard summary.count > 1 else { return "1 run" }
        return "\(summary.count) runs, " + (summary.spreadPercent.map { String(format: "±%.1f %%", $0) } ?? "±0")
    }
}
