import BenchModel
import MemoryProbe

/// Which budgets hold for a variant: the scenario's own (declared in code, in the catalog) and
/// the command line's (`--budget`), the more specific before the more general.
extension ScenarioDescription {
    /// The budgets of `variant`, one per metric: its own budget of a metric before the one for
    /// every variant.
    public func budgets(for variant: String) -> [Budget] {
        Budget.Metric.allCases.compactMap { metric in
            budgets.first { $0.metric == metric && $0.variant == variant } ?? budgets.first { $0.metric == metric && $0.variant == nil }
        }
    }

    /// The scenario with `commandLine`'s budgets in effect: each replaces the scenario's budget of
    /// the same metric for the variant it names (or, naming none, for every variant).
    func overridingBudgets(with commandLine: [Budget]) -> ScenarioDescription {
        guard !commandLine.isEmpty else { return self }
        var scenario = self
        scenario.budgets = budgets.filter { own in
            !commandLine.contains { $0.metric == own.metric && ($0.variant == nil || $0.variant == own.variant) }
        } + commandLine
        return scenario
    }
}

extension Budget {
    /// "peak ≤ 8 MiB", "after release ≤ 1.5 GiB", "allocations ≤ 50,000".
    public var limitText: String {
        "\(metric.words) ≤ \(metric.isBytes ? MemoryLimit.format(limit) : FigureText.count(Double(limit)))"
    }
}

extension Budget.Metric {
    public var words: String {
        switch self {
        case .peak: return "peak"
        case .afterRelease: return "after release"
        case .allocations: return "allocations"
        }
    }
}
