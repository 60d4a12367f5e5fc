import BenchModel
import MemoryProbe
import Statistics

/// Budgets decided with the statistics of the comparisons: each cell's runs against the limit, a
/// one-sided t test on the workload's noise pooled as comparisons pool it, the same practical
/// floor, and Holm over the report's budget checks as one family of their own (`LimitVerdict`).
/// Byte budgets are checked in uncounted cells (a counted run's RSS carries the counter), the
/// allocation budget in counted ones (`--count`).
extension Report {
    static func decideBudgets(_ report: Report) -> [BudgetCheck] {
        guard report.scenarios.contains(where: { !$0.budgets.isEmpty }) else { return [] }
        let plan = ComparisonPlan(report: report)
        var pools = NoisePools()
        func workload(_ cell: CellKey, _ metric: Comparison.Metric) -> String { "\(cell.scenario)|\(cell.variant)|\(cell.size)|\(metric)" }
        func scope(_ cell: CellKey, _ metric: Comparison.Metric) -> String { "\(cell.scenario)|\(cell.variant)|\(metric)" }
        for cell in plan.cells {
            for metric in [Comparison.Metric.peak, .afterRelease] {
                if let runs = plan.values[cell]?[metric] { pools.add(runs, workload: workload(cell, metric), scope: scope(cell, metric)) }
            }
        }
        let policy = report.verdictPolicy
        var checks: [BudgetCheck] = []
        var tests: [(index: Int, test: LimitTest)] = []
        for scenario in report.scenarios where !scenario.budgets.isEmpty {
            for size in report.sizes(of: scenario.name) {
                let cells = report.cells(scenario: scenario.name, size: size)
                for variant in scenario.variants.map(\.name) {
                    for budget in scenario.budgets(for: variant) {
                        let eligible = cells.filter { $0.key.variant == variant && AllocatorConfiguration.isCountedName($0.key.allocator) == !budget.metric.isBytes }
                        guard !eligible.isEmpty else {
                            if cells.contains(where: { $0.key.variant == variant }) {
                                checks.append(.unchecked(scenario.name, variant, size: size, budget: budget, note: Self.noCell(budget.metric)))
                            }
                            continue
                        }
                        for cell in eligible {
                            let values = budget.metric.isBytes
                                ? plan.values[cell.key]?[budget.metric == .peak ? .peak : .afterRelease] ?? []
                                : report.okRecords(of: cell.key).compactMap(ReportMetric.mallocs(of:))
                            var check = BudgetCheck(scenario: scenario.name, variant: variant, configuration: cell.key.allocator, size: size,
                                                    metric: budget.metric, limit: budget.limit, median: Sample.median(values), interval: nil,
                                                    verdict: .notJudged, note: values.isEmpty ? Self.noValue(budget.metric, cell: cell) : nil,
                                                    statistics: nil)
                            if !values.isEmpty && !budget.metric.isBytes {
                                check.statistics = .exactCounts(values, limit: Double(budget.limit))
                            } else if !values.isEmpty {
                                let metric: Comparison.Metric = budget.metric == .peak ? .peak : .afterRelease
                                tests.append((checks.count, LimitTest(values: values, limit: Double(budget.limit),
                                                                      noise: pools.noise(workload: workload(cell.key, metric), scope: scope(cell.key, metric)),
                                                                      policy: policy)))
                            }
                            checks.append(check)
                        }
                    }
                }
            }
        }
        for (entry, verdict) in zip(tests, LimitVerdict.judge(tests.map(\.test), policy: policy)) {
            checks[entry.index].statistics = verdict
        }
        return checks.map { check in
            var check = check
            if let statistics = check.statistics {
                check.verdict = statistics.kind
                check.interval = statistics.interval
                if statistics.kind == .notJudged {
                    check.note = "a single run and no other run of its workload to estimate the noise from: use --runs 3"
                }
            }
            return check
        }
    }

    /// Why a variant's budget has no cell to be checked in.
    static func noCell(_ metric: Budget.Metric) -> String {
        metric.isBytes ? "only counted runs, whose RSS the allocation counter changes: run without --count as well"
            : "allocations are counted only in counted runs: run with --count"
    }

    /// Why a cell gave no figure for the budget.
    static func noValue(_ metric: Budget.Metric, cell: CellReport) -> String {
        if cell.status != .ok { return "no successful run (\(cell.status.rawValue))" }
        return metric == .afterRelease ? "the scenario has no release phase to read" : "no run recorded the figure"
    }

    /// The budgets exceeded beyond noise: what makes a suite command exit with the gate's code.
    public var budgetsExceeded: [BudgetCheck] { budgets.filter { $0.verdict == .exceeded } }
}
