import BenchModel
import MemoryProbe
import Statistics

/// A service's steady state per variant × configuration × size (a soak, a `bench exec
/// --duration` run): its `SteadyStateSummary` (warm-up, creep with its interval, plateau, final
/// level, requests) and, against glibc, the report's own verdicts on the plateau and the creep
/// (`Comparison.Metric.plateau`, `.creep`: inside the report's Holm family, like every other
/// comparison). Decided once per report (`ReportDecisions.creep`).
public struct CreepLine: Sendable {
    public var scenario: String
    public var variant: String
    public var allocator: String
    public var size: Int
    public var steady: SteadyStateSummary
    /// glibc's arena count at the plateau (a soak's check), when known.
    public var arenas: Int?
    /// This configuration against glibc in the same variant; nil for glibc itself (or without it).
    public var plateauComparison: Comparison?
    public var creepComparison: Comparison?

    public var runs: Int { steady.runs.count }
    public var plateauMedian: Double { steady.plateauBytes }

    public var verdictWord: String { Self.word(steady.creep) }

    static func word(_ kind: GrowthTrend.Kind) -> String {
        switch kind {
        case .grows: return "creeps"
        case .shrinks: return "falls"
        case .flat: return "flat"
        case .noClearTrend: return "undecided"
        }
    }

    /// Every cell's line that has a steady state, in report order.
    static func lines(_ report: Report) -> [CreepLine] {
        report.cells.compactMap { cell in
            guard cell.status == .ok, let steady = cell.steadyState else { return nil }
            let key = cell.key
            let against = report.comparisons.filter { $0.kind == .allocator && $0.candidateCell == key }
            let arenas = report.okRecords(of: key).compactMap { $0.checks["arenas"] }.max()
            return CreepLine(scenario: key.scenario, variant: key.variant, allocator: key.allocator, size: key.size,
                             steady: steady, arenas: arenas,
                             plateauComparison: against.first { $0.metric == .plateau },
                             creepComparison: against.first { $0.metric == .creep })
        }
    }
}
