import BenchModel
import MemoryProbe

/// One scenario's answer, decided once with the report (`ReportDecisions`) and read by every
/// part that shows it: the verdict table and "What to do" (AnswerSection, both from the one
/// `Recommendation`), report.json's `recommendations`, the findings kept at the main size
/// (FindingsSection), the scenario's table and the headline chart.
public struct ScenarioDecision: Sendable {
    public var scenario: String
    /// The size most configurations ran the scenario at (the largest if tied): where its
    /// answer is given.
    public var mainSize: Int
    /// What to do; nil when no comparison was made at the main size.
    public var recommendation: Recommendation?

    /// nil for a scenario with no cell.
    init?(_ report: Report, scenario: ScenarioDescription) {
        let sizes = report.sizes(of: scenario.name)
        func configurations(_ size: Int) -> Int { Set(report.cells(scenario: scenario.name, size: size).map(\.key.allocator)).count }
        guard let size = sizes.max(by: { (configurations($0), $0) < (configurations($1), $1) }) else { return nil }
        let here = report.comparisons.filter { $0.scenario == scenario.name && $0.size == size }
        self.scenario = scenario.name
        mainSize = size
        recommendation = here.isEmpty ? nil : Recommendation(report, scenario: scenario, size: size, comparisons: here)
    }
}

extension Report {
    /// The size a scenario's answer is given at (`ScenarioDecision.mainSize`).
    public func mainSize(of scenario: String) -> Int? { decisions.scenario(scenario)?.mainSize }
}
