import Foundation
import BenchModel
import MemoryProbe

extension Report {
    /// Decodes report.json and decides again what it concludes (`decisions`, and with them the
    /// recommendations): the JSON's own recommendations are output for programs, never input.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        runId = try container.decode(String.self, forKey: .runId)
        partial = try container.decode(Bool.self, forKey: .partial)
        plannedRuns = try container.decode(Int.self, forKey: .plannedRuns)
        elapsedSeconds = try container.decodeIfPresent(Double.self, forKey: .elapsedSeconds)
        environment = try container.decode(MachineFacts.self, forKey: .environment)
        scenarios = try container.decode([ScenarioDescription].self, forKey: .scenarios)
        cells = try container.decode([CellReport].self, forKey: .cells)
        findings = try container.decode([Finding].self, forKey: .findings)
        comparisons = try container.decode([Comparison].self, forKey: .comparisons)
        runs = try container.decode([RunResult].self, forKey: .runs)
        calibration = try container.decodeIfPresent(CalibrationFigures.self, forKey: .calibration)
        sites = try container.decodeIfPresent([CellSites].self, forKey: .sites)
        budgets = try container.decode([BudgetCheck].self, forKey: .budgets)
        differentWork = try container.decode([WorkMismatch].self, forKey: .differentWork)
        decide()
    }
}
