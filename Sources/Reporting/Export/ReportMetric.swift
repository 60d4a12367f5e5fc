import BenchModel

/// A metric a report can be compared or exported on: it knows its name, its unit, how to read
/// it from a cell, and the smallest difference the instrument can tell apart. All three are
/// smaller-is-better.
public enum ReportMetric: String, CaseIterable, Codable, Sendable {
    case peak, release, time

    /// Shown in tables and export names.
    public var label: String {
        switch self {
        case .peak: return "peak RSS over baseline"
        case .release: return "RSS after release over baseline"
        case .time: return "wall time of the phases"
        }
    }

    public var unit: String { self == .time ? "s" : "MiB" }

    /// Bytes → MiB; seconds stay seconds.
    public func display(_ raw: Double) -> Double { self == .time ? raw : raw / 1_048_576 }

    public func format(_ raw: Double, signed: Bool = false) -> String {
        let value = display(raw)
        return self == .time ? String(format: signed ? "%+.3f s" : "%.3f s", value)
            : String(format: signed ? "%+.1f MiB" : "%.1f MiB", value)
    }

    /// Differences at or below this are never beyond noise: 1 MiB of RSS (the kernel's per-CPU
    /// counters and the worker's own bookkeeping), 10 ms of wall time.
    public var floor: Double { self == .time ? 0.010 : Findings.noiseFloorBytes }

    /// The cell's runs of this metric. "release" is RSS after the release phase (or the last
    /// reported phase of a scenario without one).
    public func summary(of cell: CellReport, in report: Report) -> Summary? {
        switch self {
        case .peak: return cell.peakOverBaselineBytes
        case .time: return cell.wallSeconds
        case .release:
            guard let scenario = report.scenarios.first(where: { $0.name == cell.key.scenario }) else {
                return cell.rssAfterPhaseOverBaselineBytes["release"]
            }
            return cell.rssAfterPhaseOverBaselineBytes[ReportCharts.releasePhase(scenario)]
        }
    }
}
