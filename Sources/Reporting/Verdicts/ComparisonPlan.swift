import BenchModel
import MemoryProbe
import Statistics

/// Which comparisons a report makes, with each side's run values:
/// - every declared variant comparison (a fix against its pitfall, one alternative against the
///   other, a variant against its control) on peak under every configuration, and on every
///   other figure (after release, settled, wall time) under glibc;
/// - every configuration against glibc in every variant, on every figure.
///
/// Only cells that did the same work are compared (the same size, outputs that agree), and
/// only figures that were read the same way: a settled figure only where the settle outlasted
/// both sides' idle decay (`AllocatorConfiguration.idleDecaySeconds`), an after-release figure
/// only where it was not a sample taken during the process's teardown (`PhaseEnd`).
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
    /// Cells whose settle ended before their configuration's idle decay: not compared settled.
    let settledTooSoon: Set<CellKey>

    init(report: Report) {
        var byCell: [CellKey: [WorkerRecord]] = [:]
        for run in report.runs where run.status == .ok {
            if let record = run.record { byCell[run.cell, default: []].append(record) }
        }
        settledTooSoon = Set(Self.settledBeforeDecay(report).map(\.cell))
        for scenario in report.scenarios {
            let release = scenario.releaseFigurePhase
            for size in report.sizes(of: scenario.name) {
                let cells = report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok }
                for cell in cells {
                    let records = byCell[cell.key] ?? []
                    var metrics = Self.metrics(records, scenario: scenario, release: release)
                    if let steady = cell.steadyState {
                        metrics[.plateau] = steady.runs.map(\.plateauBytes)
                        metrics[.creep] = steady.runs.map(\.creepOverWindowBytes)
                    }
                    values[cell.key] = metrics.filter { !$0.value.isEmpty }
                    self.cells.append(cell.key)
                }
                planVariants(report, scenario: scenario, size: size, cells: cells, release: release)
                planConfigurations(scenario: scenario, size: size, cells: cells, release: release)
            }
        }
    }

    /// A cell's run values per figure. After release leaves out a run whose release figure is a
    /// teardown sample; wall time is the work's (not the settle's idle, not verification).
    static func metrics(_ records: [WorkerRecord], scenario: ScenarioDescription, release: String) -> [Comparison.Metric: [Double]] {
        var metrics: [Comparison.Metric: [Double]] = [.peak: records.map(\.peakOverBaselineBytes)]
        if !release.isEmpty {
            metrics[.afterRelease] = records.filter { $0.phase(release)?.end != .teardownSample }
                .compactMap { $0.rssOverBaselineBytes(after: release) }
        }
        metrics[.afterSettle] = records.compactMap { $0.rssOverBaselineBytes(after: settlePhase) }
        metrics[.wallTime] = records.map { record in
            record.phases.filter { $0.verification != true && $0.name != settlePhase }.map(\.wallSeconds).reduce(0, +)
        }
        return metrics
    }

    /// The declared variant comparisons: on peak under each configuration both sides ran under,
    /// on every other figure under glibc; never across an output mismatch (the variants did not
    /// do the same work).
    mutating func planVariants(_ report: Report, scenario: ScenarioDescription, size: Int, cells: [CellReport], release: String) {
        let mismatched = Set(report.agreements(scenario.name, size: size).filter { !$0.agrees }.flatMap { $0.values.flatMap(\.variants) })
        for pair in scenario.comparisons where !mismatched.contains(pair.reference) || !mismatched.contains(pair.candidate) {
            for cell in cells where cell.key.variant == pair.reference {
                let other = CellKey(scenario: scenario.name, variant: pair.candidate, allocator: cell.key.allocator, size: size)
                guard values[other]?[.peak] != nil else { continue }
                let metrics: [Comparison.Metric] = Self.isReference(cell.key.allocator) ? Comparison.Metric.allCases : [.peak]
                let otherCell = cells.first { $0.key == other }
                for metric in metrics where values[cell.key]?[metric] != nil && values[other]?[metric] != nil {
                    // Settled only after the same idle time (`bench all` idles the threaded variant longer).
                    if metric == .afterSettle, !Self.sameSettle(cell, otherCell) { continue }
                    planned.append(Planned(kind: Comparison.Kind(pair.kind), scenario: scenario.name, size: size, reference: cell.key,
                                           candidate: other, metric: metric, phase: Self.phase(of: metric, release: release)))
                }
            }
        }
    }

    /// Configurations against glibc, per variant and figure; counted twins (RSS instrumented by
    /// the counter) only against glibc+count.
    mutating func planConfigurations(scenario: ScenarioDescription, size: Int, cells: [CellReport], release: String) {
        for cell in cells where Self.isReference(cell.key.allocator) {
            let counted = AllocatorConfiguration.isCountedName(cell.key.allocator)
            for other in cells where other.key.variant == cell.key.variant && other.key.allocator != cell.key.allocator
                && AllocatorConfiguration.isCountedName(other.key.allocator) == counted {
                for metric in Comparison.Metric.allCases {
                    guard values[cell.key]?[metric] != nil, values[other.key]?[metric] != nil else { continue }
                    if metric == .afterSettle && settledTooSoon.contains(other.key) { continue }
                    planned.append(Planned(kind: .allocator, scenario: scenario.name, size: size, reference: cell.key,
                                           candidate: other.key, metric: metric, phase: Self.phase(of: metric, release: release)))
                }
            }
        }
    }

    /// Whether two cells idled for the same time after release (within 10 %).
    static func sameSettle(_ a: CellReport?, _ b: CellReport?) -> Bool {
        guard let x = a.flatMap(settleSeconds), let y = b.flatMap(settleSeconds) else { return false }
        return abs(x - y) <= 0.1 * max(x, y)
    }

    /// How long a cell idled after release: its `settle` phase and the checkpoints before it
    /// (`settle-0.5s`, `settle-1s`, …: the idle is split where RSS is read), median seconds.
    static func settleSeconds(_ cell: CellReport) -> Double? {
        let parts = cell.phases.filter { $0.name == settlePhase || $0.name.hasPrefix(settlePhase + "-") }.compactMap(\.wallSeconds?.median)
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }

    /// A cell whose configuration keeps freed memory on a timer (jemalloc's background thread and
    /// its decay) that outlasts the cell's settle: its settled RSS is read before the decay, so
    /// it is shown but not compared (issue 23: "settled means after the decay").
    struct SettleBeforeDecay: Sendable {
        var cell: CellKey
        var decaySeconds: Double
        var settleSeconds: Double
    }

    static func settledBeforeDecay(_ report: Report) -> [SettleBeforeDecay] {
        let configurations = Dictionary(report.environment.allocators.map { ($0.configuration.name, $0.configuration) },
                                        uniquingKeysWith: { first, _ in first })
        return report.cells.compactMap { cell in
            guard cell.status == .ok, let decay = configurations[cell.key.allocator]?.idleDecaySeconds,
                  let settle = settleSeconds(cell), decay > settle else { return nil }
            return SettleBeforeDecay(cell: cell.key, decaySeconds: decay, settleSeconds: settle)
        }
    }

    /// The phase whose end the metric reads (nil for peak, wall time and a service's steady-state figures: its window).
    static func phase(of metric: Comparison.Metric, release: String) -> String? {
        switch metric {
        case .peak, .wallTime, .plateau, .creep: return nil
        case .afterRelease: return release
        case .afterSettle: return settlePhase
        }
    }

    /// glibc, or glibc+count for the counted twins.
    static func isReference(_ configuration: String) -> Bool {
        configuration == referenceConfiguration || configuration == referenceConfiguration + AllocatorConfiguration.countedSuffix
    }
}
