import Foundation
import BenchModel
import MemoryProbe

/// Tells the reader in words when a cell's runs disagree, like hyperfine's warnings: the
/// coefficient of variation (standard deviation over mean) of each cell's peak over baseline and
/// wall time, and a warning where it exceeds `thresholdPercent`.
public enum NoiseWarnings {
    public static let thresholdPercent = 5.0
    /// Wall-time spreads smaller than this are scheduler jitter, not worth a warning.
    public static let wallFloorSeconds = 0.01

    public struct Warning: Codable, Sendable, Equatable {
        public var cell: CellKey
        public var metric: String
        public var coefficientOfVariationPercent: Double
        public var runs: Int
        public var text: String
    }

    /// Sample standard deviation over the mean, in percent; nil for fewer than two values or a
    /// zero mean.
    public static func coefficientOfVariation(_ values: [Double]) -> (percent: Double, deviation: Double)? {
        guard values.count > 1 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        guard mean != 0 else { return nil }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        let deviation = variance.squareRoot()
        return (deviation / abs(mean) * 100, deviation)
    }

    public static func derive(from report: Report) -> [Warning] {
        var byCell: [CellKey: [WorkerRecord]] = [:]
        var order: [CellKey] = []
        for run in report.runs where run.status == .ok {
            guard let record = run.record else { continue }
            if byCell[run.cell] == nil { order.append(run.cell) }
            byCell[run.cell, default: []].append(record)
        }
        var warnings: [Warning] = []
        for cell in order {
            let records = byCell[cell] ?? []
            let label = "\(cell.scenario) `\(cell.variant)` × \(cell.allocator) at \(grouped(cell.size))"
            let peaks = records.map(\.peakOverBaselineBytes)
            // A byte spread within the instrument's floor is not the workload's noise.
            if let (cv, deviation) = coefficientOfVariation(peaks), cv > thresholdPercent, deviation > report.noiseFloorBytes {
                warnings.append(Warning(cell: cell, metric: "peak", coefficientOfVariationPercent: cv, runs: records.count, text:
                    "\(label): peak over baseline varies by \(String(format: "%.1f", cv)) % across \(records.count) runs (σ \(CalibrationFigures.describeBytes(Int(deviation))), range \(CalibrationFigures.describeBytes(Int(peaks.min() ?? 0))) to \(CalibrationFigures.describeBytes(Int(peaks.max() ?? 0))) over baseline)."))
            }
            let walls = records.map(\.phasesWallSeconds)
            if let (cv, deviation) = coefficientOfVariation(walls), cv > thresholdPercent, deviation > wallFloorSeconds {
                warnings.append(Warning(cell: cell, metric: "wall", coefficientOfVariationPercent: cv, runs: records.count, text:
                    "\(label): wall time varies by \(String(format: "%.1f", cv)) % across \(records.count) runs (\(String(format: "%.2f–%.2f s", walls.min() ?? 0, walls.max() ?? 0)))."))
            }
        }
        return warnings
    }

    /// The warnings about figures a verdict uses: the peak of a cell some comparison reads.
    public static func usedByVerdicts(_ report: Report) -> [Warning] {
        let compared = Set(report.comparisons.filter { $0.metric == .peak }.flatMap { [$0.referenceCell, $0.candidateCell] })
        return derive(from: report).filter { $0.metric == "peak" && compared.contains($0.cell) }
    }
}

extension MarkdownReport {
    /// The main report's "Noise" section: spread warnings only for the figures a verdict uses
    /// (the peak of a cell some comparison reads); wall-time spread, which no verdict uses, in
    /// one line. Every warning is in the details file (`allNoiseWarnings`).
    static func noiseWarnings(_ report: Report) -> [String] {
        guard hasRepeatedCells(report) else { return [] }
        let used = NoiseWarnings.usedByVerdicts(report)
        let walls = NoiseWarnings.derive(from: report).filter { $0.metric == "wall" }
        var out = warningList(used,
            quiet: "No peak that a verdict uses varies by more than \(threshold) (coefficient of variation) across its runs, or it varies by less than the noise floor (\(CalibrationFigures.describeBytes(Int(report.noiseFloorBytes)))).",
            warning: "**Warning:** \(used.count) peak(s) that verdicts use vary by more than \(threshold) (coefficient of variation) across runs; the verdicts already count this spread (a wider spread needs a larger difference to be called beyond noise). Other programs running, or the allocator's timing-dependent decisions (decay, thread arenas), are common causes; more runs (`--runs`) narrow the estimate.",
            limit: listedWarnings)
        if let widest = walls.max(by: { $0.coefficientOfVariationPercent < $1.coefficientOfVariationPercent }) {
            out.append("Wall time varies by more than \(threshold) in \(walls.count) cell(s) (widest: \(String(format: "%.0f", widest.coefficientOfVariationPercent)) %); no verdict uses wall time. The list: [\(detailsFileName)](\(detailsFileName)#noise).")
            out.append("")
        }
        return out
    }

    /// Every warning, peak and wall time, for the details file.
    static func allNoiseWarnings(_ report: Report) -> [String] {
        guard hasRepeatedCells(report) else { return [] }
        let warnings = NoiseWarnings.derive(from: report)
        return warningList(warnings,
            quiet: "Every cell with two or more runs varied by at most \(threshold) (coefficient of variation) in peak and wall time, or by less than the noise floor (\(CalibrationFigures.describeBytes(Int(report.noiseFloorBytes)))) in bytes.",
            warning: "\(warnings.count) figure(s) vary by more than \(threshold) (coefficient of variation) across runs.")
    }

    static var threshold: String { String(format: "%.0f %%", NoiseWarnings.thresholdPercent) }

    /// How many warnings the main report lists; the rest are counted and left to the details file.
    static let listedWarnings = 5

    static func warningList(_ warnings: [NoiseWarnings.Warning], quiet: String, warning: String, limit: Int = .max) -> [String] {
        var lines = warnings.prefix(limit).map { "- \($0.text)" }
        if warnings.count > limit { lines.append("- … and \(warnings.count - limit) more: [\(detailsFileName)](\(detailsFileName)#noise).") }
        return ["## Noise", ""] + (warnings.isEmpty ? [quiet] : [warning, ""] + lines) + [""]
    }

    static func hasRepeatedCells(_ report: Report) -> Bool {
        var counts: [CellKey: Int] = [:]
        for run in report.runs where run.status == .ok { counts[run.cell, default: 0] += 1 }
        return counts.values.contains { $0 > 1 }
    }
}
