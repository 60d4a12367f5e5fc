import BenchModel

/// What the report concludes from its comparisons and runs, decided once when the report is
/// built (`ReportBuilder`) or read back (`Report.init(from:)`), never by a renderer: per
/// scenario its answer (`ScenarioDecision`: the main size, the recommendation, the verdict
/// table's row), the growth of every swept variant, the creep of every soak, and the noise
/// warnings. The findings state these decisions in words; report.json carries the findings and
/// the recommendations (`Report.recommendations`), not the rest of the decisions.
public struct ReportDecisions: Sendable {
    public var scenarios: [ScenarioDecision] = []
    /// Size sweeps: every variant × configuration measured at two sizes or more.
    public var growth: [GrowthLine] = []
    /// Soaks: every variant × configuration × size that recorded a steady window.
    public var creep: [CreepLine] = []
    /// Cells whose runs disagree by more than `NoiseWarnings.thresholdPercent`.
    public var noise: [NoiseWarnings.Warning] = []

    public init() {}

    /// Decides everything but the findings, from the report's cells, runs and comparisons.
    init(_ report: Report) {
        growth = GrowthLine.lines(report)
        creep = CreepLine.lines(report)
        noise = NoiseWarnings.derive(from: report)
        scenarios = report.scenarios.compactMap { ScenarioDecision(report, scenario: $0) }
    }

    public func scenario(_ name: String) -> ScenarioDecision? { scenarios.first { $0.scenario == name } }
}
