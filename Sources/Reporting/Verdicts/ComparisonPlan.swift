import BenchModel
import MemoryProbe
import Statistics

/// Which comparisons a report makes, with each side's run values: every declared fix against
/// its pitfall under every configuration, and every configuration against glibc in every
/// variant, on peak, after release and (where the variant settles) settled. Only cells that did
/// the same work are compared: the same size, and outputs that agree.
struct ComparisonPlan {
    struct Planned {
        var kind: Comparison.Kind
        var scenario: String
        var size: Int
        var reference: CellKey
        var candidate: CellKey
        var metric: Comparison.Metric
        var phase: String?
    }

    static let referenceConfiguration = "glibc"
    static let settlePhase = "settle"

    var planned: [Planned] = []
    /// Run values per (cell, metric), over baseline.
    var values: [CellKey: [Comparison.Metric: [Double]]] = [:]
    /// The cells of `values` in report order: the order their runs are pooled in.
    var cells: [CellKey] = []

    init(report: Report) {
        var byCell: [CellKey: [WorkerRecord]] = [:]
        for run in report.runs where run.status == .ok {
            if let record = run.record { byCell[run.cell, default: []].append(record) }
        }
        for scenario in report.scenarios {
            let release = scenario.releaseFigurePhase
            for size in report.sizes(of: scenario.name) {
                // Variants whose outputs disagreed at this size: they did not do the same work.
                let mismatched = Set(report.agreements(scenario.name, size: size).filter { !$0.agrees }.flatMap { $0.values.flatMap(\.variants) })
                let cells = report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok }
                for cell in cells {
                    let records = byCell[cell.key] ?? []
                    var metrics: [Comparison.Metric: [Double]] = [
                        .peak: records.map(\.peakOverBaselineBytes),
                    ]
                    if !release.isEmpty {
                        metrics[.afterRelease] = records.compactMap { $0.rssOverBaselineBytes(after: release) }
                    }
                    metrics[.afterSettle] = records.compactMap { $0.rssOverBaselineBytes(after: Self.settlePhase) }
                    if let steady = cell.steadyState {
                        metrics[.plateau] = steady.runs.map(\.plateauBytes)
                        metrics[.creep] = steady.runs.map(\.creepOverWindowBytes)
                    }
                    values[cell.key] = metrics.filter { !$0.value.isEmpty }
                    self.cells.append(cell.key)
                }
                // Fixes against their pitfalls, under each configuration both ran under; never
                // across an output mismatch (the variants did not do the same work).
                for pair in scenario.comparisons where !mismatched.contains(pair.pitfall) || !mismatched.contains(pair.fix) {
                    for cell in cells where cell.key.variant == pair.pitfall {
                        let fix = CellKey(scenario: scenario.name, variant: pair.fix, allocator: cell.key.allocator, size: size)
                        guard values[fix]?[.peak] != nil else { continue }
                        planned.append(Planned(kind: .fix, scenario: scenario.name, size: size, reference: cell.key,
                                               candidate: fix, metric: .peak, phase: nil))
                    }
                }
                // Configurations against glibc, per variant and metric; counted twins (RSS
                // instrumented by the counter) only against glibc+count.
                for cell in cells where Self.isReference(cell.key.allocator) {
                    let counted = AllocatorConfiguration.isCountedName(cell.key.allocator)
                    for other in cells where other.key.variant == cell.key.variant && other.key.allocator != cell.key.allocator
                        && AllocatorConfiguration.isCountedName(other.key.allocator) == counted {
                        for metric in Comparison.Metric.allCases {
                            guard values[cell.key]?[metric] != nil, values[other.key]?[metric] != nil else { continue }
                            planned.append(Planned(kind: .allocator, scenario: scenario.name, size: size, reference: cell.key,
                                                   candidate: other.key, metric: metric,
                                                   phase: Self.phase(of: metric, release: release)))
                        }
                    }
                }
            }
        }
    }

    /// The phase whose end a metric reads: none for peak and the steady-state figures (the window).
    static func phase(of metric: Comparison.Metric, release: String) -> String? {
        switch metric {
        case .peak, .plateau, .creep: return nil
        case .afterRelease: return release
        case .afterSettle: return settlePhase
        }
    }

    /// glibc, or glibc+count for the counted twins.
    static func isReference(_ configuration: String) -> Bool {
        configuration == referenceConfiguration || configuration == referenceConfiguration + AllocatorConfiguration.countedSuffix
    }
}
