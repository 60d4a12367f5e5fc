import Foundation
import BenchModel

extension MarkdownReport {
    /// "## Size sweep": per scenario measured at several sizes, the median peak at each size and
    /// the fitted growth with its verdict, one line per variant and allocator configuration.
    static func sweepSection(_ report: Report) -> [String] {
        let lines = report.growthLines()
        guard !lines.isEmpty else { return [] }
        var out = ["## Size sweep", "",
                   "Peak RSS over baseline against the size, fitted by least squares through every run. "
                   + "*Grows with N*: the fitted line rises by more than \(mebibytes(GrowthFit.defaultAllowanceBytes)) over the sizes measured, with R² ≥ 0.5; "
                   + "*flat*: every run stays within \(mebibytes(GrowthFit.defaultAllowanceBytes)) of the others. The tables per size are above.", ""]
        var scenarios: [String] = []
        for line in lines where !scenarios.contains(line.scenario) { scenarios.append(line.scenario) }
        for scenario in scenarios {
            let mine = lines.filter { $0.scenario == scenario }
            let sizes = Set(mine.flatMap { $0.medianPeaks.map(\.size) }).sorted()
            let unit = mine.first?.sizeUnit ?? ""
            out.append("### \(scenario)")
            out.append("")
            let header = ["Variant", "Allocator"] + sizes.map { "Peak at \(grouped($0)) \(unit)" } + ["Bytes per \(unit.hasSuffix("s") ? String(unit.dropLast()) : unit)", "R²", "Verdict"]
            out.append(table(header: header, rows: mine.map { line in
                ["`\(line.variant)`", line.allocator]
                    + sizes.map { size in line.medianPeaks.first { $0.size == size }.map { mebibytes($0.bytes, signed: true) } ?? "–" }
                    + [line.fit.slopeText, line.fit.rSquared.map { String(format: "%.2f", $0) } ?? "–",
                       line.fit.verdict().rawValue]
            }, rightAlignedFrom: 2))
            out.append("")
            for line in mine { out.append("- \(line.sentence)") }
            out.append("")
        }
        return out
    }
}
