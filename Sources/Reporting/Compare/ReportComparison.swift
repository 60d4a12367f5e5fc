import Foundation
import BenchModel
import Statistics

/// `bench compare`: every cell present in both reports, on one metric, with a verdict decided
/// the way a report decides its findings: a t test of head against base on the workload's
/// pooled run-to-run noise (every cell of the same scenario, variant and size in both reports),
/// a practical floor, and Holm over every cell compared. A change is a regression (or an
/// improvement) only when it is beyond noise *and* beyond the threshold; a cell whose runs
/// disagree more than the change is undecided or within noise, never a regression.
public struct ReportComparison {
    public enum Verdict: String, Codable, Sendable {
        case regression, improvement
        case withinNoise = "within noise"
        case belowThreshold = "below threshold"
        case undecided
        case notJudged = "not judged"
        /// Allocations only: the same count in every run on both sides.
        case unchanged
    }

    public struct Row {
        public var key: CellKey
        public var base: Summary
        public var head: Summary
        public var changePercent: Double?
        public var verdict: Verdict
        /// The statistics behind the verdict (effect, interval, floor, p, adjusted p, method).
        public var statistics: Statistics.Verdict
    }

    public var metric: ReportMetric
    /// Percent, e.g. 5 for "5 %".
    public var thresholdPercent: Double
    /// `--metric allocations`: the smallest change in mallocs that counts (beside thresholdPercent).
    public var absoluteThreshold: Double
    public var rows: [Row]
    public var onlyInBase: [CellKey]
    public var onlyInHead: [CellKey]
    /// Cells in both reports that lack the metric on one side (a failed or skipped cell), with why.
    public var notCompared: [(key: CellKey, reason: String)]
    public var warnings: [String]
    /// Set when the two reports come from different testbeds (`--across-testbeds`): every line
    /// says cross-machine, since machine and change are confounded.
    public var crossMachine: String? = nil

    public var regressions: [Row] { rows.filter { $0.verdict == .regression } }

    public init(base: Report, head: Report, metric: ReportMetric, thresholdPercent: Double, absoluteThreshold: Double = 0) {
        self.metric = metric
        self.thresholdPercent = thresholdPercent
        self.absoluteThreshold = absoluteThreshold
        let baseCells = Dictionary(base.cells.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let headCells = Dictionary(head.cells.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var compared: [(key: CellKey, base: Summary, head: Summary)] = []
        var notCompared: [(key: CellKey, reason: String)] = []
        for headCell in head.cells {
            guard let baseCell = baseCells[headCell.key] else { continue }
            guard let b = metric.summary(of: baseCell, in: base), let h = metric.summary(of: headCell, in: head) else {
                let side = metric.summary(of: baseCell, in: base) == nil ? "base" : "head"
                let status = side == "base" ? baseCell.status : headCell.status
                notCompared.append((headCell.key, "no \(metric.rawValue) figure in \(side) (\(status.rawValue))"))
                continue
            }
            compared.append((headCell.key, b, h))
        }
        // The workload's noise: every cell of the same scenario, variant and size, in both
        // reports and under every configuration, pooled; at least that of every size.
        func workload(_ key: CellKey) -> String { "\(key.scenario)|\(key.variant)|\(key.size)" }
        func scope(_ key: CellKey) -> String { "\(key.scenario)|\(key.variant)" }
        var pools = NoisePools()
        // Each cell's run values, read once: for the pools and for its own test.
        var baseValues: [CellKey: [Double]] = [:]
        var headValues: [CellKey: [Double]] = [:]
        for (report, isBase) in [(base, true), (head, false)] {
            for cell in report.cells {
                let values = metric.values(of: cell.key, in: report)
                guard !values.isEmpty else { continue }
                if isBase { baseValues[cell.key] = values } else { headValues[cell.key] = values }
                pools.add(values, workload: workload(cell.key), scope: scope(cell.key))
            }
        }
        // The threshold is the user's practical margin: "within noise" says the change is shown
        // to lie inside it (never a margin widened by the noise).
        let policy = VerdictPolicy(instrumentFloorBytes: metric == .time ? ReportMetric.timeFloorSeconds
                                   : max(base.noiseFloorBytes, head.noiseFloorBytes),
                                   relativeMargin: max(VerdictPolicy.default.relativeFloor, thresholdPercent / 100))
        let tests = compared.map { cell -> DifferenceTest in
            DifferenceTest(reference: baseValues[cell.key] ?? [], candidate: headValues[cell.key] ?? [],
                           noise: pools.noise(workload: workload(cell.key), scope: scope(cell.key)), policy: policy)
        }
        if metric == .allocations {
            self.rows = compared.compactMap {
                Self.allocationRow($0.key, base: baseValues[$0.key] ?? [], head: headValues[$0.key] ?? [], absoluteThreshold: absoluteThreshold,
                                    thresholdPercent: thresholdPercent)
            }
        } else {
            self.rows = zip(compared, Statistics.Verdict.judge(tests, policy: policy)).map { cell, statistics in
                Self.row(cell.key, base: cell.base, head: cell.head, statistics: statistics, thresholdPercent: thresholdPercent)
            }
        }
        self.notCompared = notCompared
        self.onlyInBase = base.cells.map(\.key).filter { headCells[$0] == nil }
        self.onlyInHead = head.cells.map(\.key).filter { baseCells[$0] == nil }
        var warnings: [String] = metric == .allocations ? Self.allocationWarnings(rows) : []
        if base.environment.buildConfiguration != head.environment.buildConfiguration {
            warnings.append("base is a \(base.environment.buildConfiguration) build and head a \(head.environment.buildConfiguration) build: their figures are not comparable")
        }
        for configuration in head.environment.allocators.map(\.configuration) {
            if let other = base.environment.allocators.first(where: { $0.configuration.name == configuration.name })?.configuration,
               other.environment != configuration.environment {
                warnings.append("allocator configuration \(configuration.name) has different settings in base and head")
            }
        }
        if rows.contains(where: { $0.statistics.kind == .notJudged }) {
            warnings.append("some cells have a single run on a side and no other run of their workload to estimate the noise from: they are not judged and cannot fail the gate; use --runs 3 or more for a gate that decides")
        }
        self.warnings = warnings
    }

    /// A verdict in the gate's terms. A base median of 0 has no percentage: the statistics and
    /// the floor decide alone.
    static func row(_ key: CellKey, base: Summary, head: Summary, statistics: Statistics.Verdict, thresholdPercent: Double) -> Row {
        let difference = head.median - base.median
        let changePercent = base.median != 0 ? difference / abs(base.median) * 100 : nil
        let verdict: Verdict
        switch statistics.kind {
        case .withinNoise: verdict = .withinNoise
        case .undecided: verdict = .undecided
        case .notJudged: verdict = .notJudged
        case .beyondNoise:
            if let changePercent, abs(changePercent) <= thresholdPercent {
                verdict = .belowThreshold
            } else {
                verdict = statistics.effect > 0 ? .regression : .improvement
            }
        }
        return Row(key: key, base: base, head: head, changePercent: changePercent, verdict: verdict, statistics: statistics)
    }
}

extension ReportComparison {
    /// What `bench compare --export-json` writes: the same verdicts as the table, with the
    /// statistics behind each, so a CI job reads them instead of the Markdown.
    public struct Exported: Codable, Sendable {
        public static let currentSchemaVersion = 1
        public struct Cell: Codable, Sendable {
            public var key: CellKey
            public var baseMedian: Double
            public var headMedian: Double
            public var changePercent: Double?
            public var verdict: Verdict
            public var statistics: Statistics.Verdict
        }
        public var schemaVersion: Int
        public var base: String
        public var head: String
        public var metric: ReportMetric
        public var thresholdPercent: Double
        public var cells: [Cell]
        public var onlyInBase: [CellKey]
        public var onlyInHead: [CellKey]
        public var regressions: Int
        public var warnings: [String]
        /// The testbeds' differences when compared across testbeds, else absent.
        public var crossMachine: String? = nil
    }

    public func exported(basePath: String, headPath: String) -> Exported {
        Exported(schemaVersion: Exported.currentSchemaVersion, base: basePath, head: headPath, metric: metric,
                 thresholdPercent: thresholdPercent,
                 cells: rows.map { Exported.Cell(key: $0.key, baseMedian: $0.base.median, headMedian: $0.head.median,
                                                 changePercent: $0.changePercent, verdict: $0.verdict, statistics: $0.statistics) },
                 onlyInBase: onlyInBase, onlyInHead: onlyInHead, regressions: regressions.count, warnings: warnings,
                 crossMachine: crossMachine)
    }
}
