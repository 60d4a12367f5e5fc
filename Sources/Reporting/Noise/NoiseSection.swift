import Foundation
import BenchModel

/// "## Noise": report.md warns only about the figures a verdict uses (the peak of a cell some
/// comparison reads) and says wall-time spread, which no verdict uses, in one line; details.md
/// lists every warning, peak and wall time. Nothing when no cell has two runs.
struct NoiseSection: ReportSection {
    var report: Report

    /// How many warnings the main report lists; the rest are counted and left to the details file.
    static let listedWarnings = 5
    static var threshold: String { String(format: "%.0f %%", NoiseWarnings.thresholdPercent) }

    var floor: String { CalibrationFigures.describeBytes(Int(report.noiseFloorBytes)) }

    var summary: [Markdown] {
        guard NoiseWarnings.hasRepeatedCells(report) else { return [] }
        let used = NoiseWarnings.usedByVerdicts(report)
        let walls = report.decisions.noise.filter { $0.metric == "wall" }
        var out = list(used,
            quiet: "No peak that a verdict uses varies by more than \(Self.threshold) (coefficient of variation) across its runs, or it varies by less than the noise floor (\(floor)).",
            warning: "**Warning:** \(used.count) peak(s) that verdicts use vary by more than \(Self.threshold) (coefficient of variation) across runs; the verdicts already count this spread (a wider spread needs a larger difference to be called beyond noise). Other programs running, or the allocator's timing-dependent decisions (decay, thread arenas), are common causes; more runs (`--runs`) narrow the estimate.",
            limit: Self.listedWarnings)
        if let widest = walls.max(by: { $0.coefficientOfVariationPercent < $1.coefficientOfVariationPercent }) {
            out += ["Wall time varies by more than \(Self.threshold) in \(walls.count) cell(s) (widest: \(String(format: "%.0f", widest.coefficientOfVariationPercent)) %); no verdict uses wall time. The list: \(MarkdownReport.detailsLink("noise")).", ""]
        }
        return out
    }

    var details: [Markdown] {
        guard NoiseWarnings.hasRepeatedCells(report) else { return [] }
        let warnings = report.decisions.noise
        return list(warnings,
            quiet: "Every cell with two or more runs varied by at most \(Self.threshold) (coefficient of variation) in peak and wall time, or by less than the noise floor (\(floor)) in bytes.",
            warning: "\(warnings.count) figure(s) vary by more than \(Self.threshold) (coefficient of variation) across runs.")
    }

    func list(_ warnings: [NoiseWarnings.Warning], quiet: Markdown, warning: Markdown, limit: Int = .max) -> [Markdown] {
        var lines: [Markdown] = warnings.prefix(limit).map { "- \($0.text)" }
        if warnings.count > limit { lines.append("- … and \(warnings.count - limit) more: \(MarkdownReport.detailsLink("noise")).") }
        return ["## Noise", ""] + (warnings.isEmpty ? [quiet] : [warning, ""] + lines) + [""]
    }
}
