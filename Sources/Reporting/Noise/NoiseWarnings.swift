import Foundation
import BenchModel
import MemoryProbe

/// Tells the reader in words when a cell's runs disagree, like hyperfine's warnings: the
/// coefficient of variation (standard deviation over mean) of each cell's peak over baseline and
/// wall time, and a warning where it exceeds `thresholdPercent`. Decided once with the report.
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

    /// Every warning, in run order (`ReportDecisions.noise` holds the report's).
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
            let label = "\(cell.scenario) \(Markdown.code(cell.variant)) × \(cell.allocator) at \(grouped(cell.size))"
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
        return report.decisions.noise.filter { $0.metric == "peak" && compared.contains($0.cell) }
    }

    /// Whether any cell has two or more good runs (else no spread is known and nothing is said).
    static func hasRepeatedCells(_ report: Report) -> Bool {
        var counts: [CellKey: Int] = [:]
        for run in report.runs where run.status == .ok { counts[run.cell, default: 0] += 1 }
        return counts.values.contains { $0 > 1 }
    }
}
