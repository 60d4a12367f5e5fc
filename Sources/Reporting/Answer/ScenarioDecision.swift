import BenchModel
import MemoryProbe

/// One scenario's answer, decided once with the report (`ReportDecisions`) and read by every
/// part that shows it: the verdict table and "What to do" (AnswerSection), the findings kept at
/// the main size (FindingsSection), the scenario's table and the headline chart.
///
/// The table's row and the recommendation still pick their configuration by two rules (the
/// lowest median per figure; the largest relative drop that raises no figure) and so can name
/// two different ones; issue 23 makes the recommendation the one answer: `VerdictRow` then reads
/// `recommendation` here instead of deciding, and report.json carries the recommendations.
public struct ScenarioDecision: Sendable {
    public var scenario: String
    /// The size most configurations ran the scenario at (the largest if tied): where its
    /// answer is given.
    public var mainSize: Int
    /// What to do; nil when no comparison was made at the main size.
    public var recommendation: Recommendation?
    /// The verdict table's row at the main size.
    public var verdictRow: VerdictRow

    /// nil for a scenario with no cell.
    init?(_ report: Report, scenario: ScenarioDescription) {
        let sizes = report.sizes(of: scenario.name)
        func configurations(_ size: Int) -> Int { Set(report.cells(scenario: scenario.name, size: size).map(\.key.allocator)).count }
        guard let size = sizes.max(by: { (configurations($0), $0) < (configurations($1), $1) }) else { return nil }
        let here = report.comparisons.filter { $0.scenario == scenario.name && $0.size == size }
        self.scenario = scenario.name
        mainSize = size
        recommendation = here.isEmpty ? nil : Recommendation(report, scenario: scenario, size: size, comparisons: here)
        verdictRow = VerdictRow(scenario: scenario, comparisons: here)
    }
}

extension Report {
    /// The size a scenario's answer is given at (`ScenarioDecision.mainSize`).
    public func mainSize(of scenario: String) -> Int? { decisions.scenario(scenario)?.mainSize }
}
