import BenchModel
import MemoryProbe
import Statistics

/// One budget checked in one cell (`report.json`'s `budgets`): the limit, the runs' median and
/// interval, and whether the figure exceeds the limit beyond noise (`exceeded`), is surely under
/// it (`met`), or neither (`undecided`). See `Report.decideBudgets`.
public struct BudgetCheck: Codable, Sendable {
    public var scenario: String
    public var variant: String
    /// nil when no cell of the variant could be checked (see `note`).
    public var configuration: String?
    public var size: Int
    public var metric: Budget.Metric
    /// Bytes over the run's baseline (peak, after release), or mallocs (allocations).
    public var limit: Int
    public var median: Double?
    /// The figure's (1 − α) interval (for counts, the runs' range).
    public var interval: Interval?
    public var verdict: LimitVerdict.Kind
    /// Why the budget could not be judged here, when it could not.
    public var note: String?
    /// The statistics behind the verdict (excess, floor, margin, p, adjusted p, runs, method).
    public var statistics: LimitVerdict?

    public var budget: Budget { Budget(metric: metric, limit: limit, variant: variant) }
}

extension BudgetCheck {
    /// A budget nothing could be checked against, and why.
    static func unchecked(_ scenario: String, _ variant: String, size: Int, budget: Budget, note: String) -> BudgetCheck {
        BudgetCheck(scenario: scenario, variant: variant, configuration: nil, size: size, metric: budget.metric, limit: budget.limit,
                    median: nil, interval: nil, verdict: .notJudged, note: note, statistics: nil)
    }

    /// The figure in its unit: "+12.3 MiB", "16,013".
    func figure(_ value: Double) -> String {
        metric.isBytes ? mebibytes(value, signed: true) : FigureText.count(value)
    }
}
