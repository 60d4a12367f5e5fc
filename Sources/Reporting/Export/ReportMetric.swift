import BenchModel
import MemoryProbe

/// A metric a report can be compared or exported on: it knows its name, its unit, how to read
/// it from a cell, and the smallest difference the instrument can tell apart. All are
/// smaller-is-better.
public enum ReportMetric: String, CaseIterable, Codable, Sendable {
    case peak, release, time
    /// Mallocs per run (counted runs only), summed over the measured phases: an exact count,
    /// compared with an absolute threshold (ReportComparison+Allocations.swift).
    case allocations

    /// Shown in tables and export names.
    public var label: String {
        switch self {
        case .peak: return "peak RSS over baseline"
        case .release: return "RSS after release over baseline"
        case .time: return "wall time of the phases"
        case .allocations: return "allocations (mallocs) of the phases"
        }
    }

    public var unit: String {
        switch self {
        case .time: return "s"
        case .allocations: return "mallocs"
        case .peak, .release: return "MiB"
        }
    }

    /// Bytes → MiB; seconds stay seconds.
    public func display(_ raw: Double) -> Double { self == .time || self == .allocations ? raw : raw / 1_048_576 }

    public func format(_ raw: Double, signed: Bool = false) -> String {
        let value = display(raw)
        if self == .allocations { return (signed && value > 0 ? "+" : "") + FigureText.count(value) }
        return self == .time ? String(format: signed ? "%+.3f s" : "%.3f s", value)
            : String(format: signed ? "%+.1f MiB" : "%.1f MiB", value)
    }

    /// The instrument's resolution for wall time: a lower bound of the floor and of σ.
    public static let timeFloorSeconds = 0.010

    /// Each ok run's value of this metric in one cell (bytes over baseline, or seconds).
    public func values(of cell: CellKey, in report: Report) -> [Double] {
        let phase = report.scenario(named: cell.scenario)?.releaseFigurePhase ?? "release"
        return report.runs.filter { $0.cell == cell && $0.status == .ok }.compactMap { run -> Double? in
            guard let record = run.record else { return nil }
            switch self {
            case .peak: return record.peakOverBaselineBytes
            case .time: return record.phasesWallSeconds
            case .release: return record.rssOverBaselineBytes(after: phase)
            case .allocations: return Self.mallocs(of: record)
            }
        }
    }

    /// The cell's runs of this metric. "release" is RSS after the release phase (or the last
    /// reported phase of a scenario without one).
    public func summary(of cell: CellReport, in report: Report) -> Summary? {
        switch self {
        case .peak: return cell.peakOverBaselineBytes
        case .time: return cell.wallSeconds
        case .allocations: return Summary(values(of: cell.key, in: report))
        case .release:
            guard let scenario = report.scenarios.first(where: { $0.name == cell.key.scenario }) else {
                return cell.rssAfterPhaseOverBaselineBytes["release"]
            }
            return cell.rssAfterPhaseOverBaselineBytes[scenario.releaseFigurePhase]
        }
    }
}

extension ReportMetric {
    /// A counted run's mallocs over its measured phases (checks of the output left out); nil
    /// for an uncounted run.
    static func mallocs(of record: WorkerRecord) -> Double? {
        let counted = record.phases.filter { $0.verification != true }.compactMap(\.allocations)
        guard !counted.isEmpty else { return nil }
        return Double(counted.map(\.mallocs).reduce(0, +))
    }
}
