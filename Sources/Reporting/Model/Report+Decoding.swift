import Foundation
import BenchModel
import MemoryProbe

extension Report {
    /// Decodes report.json and decides again what it concludes (`decisions`). Its scenarios are
    /// `ScenarioDescription`s; a report written before they were embedded whole (schemaVersion 2
    /// until 2026-12-02) kept only the fields a report reads, and is read with the catalog's
    /// other fields absent (`RecordedScenario`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        runId = try container.decode(String.self, forKey: .runId)
        partial = try container.decode(Bool.self, forKey: .partial)
        plannedRuns = try container.decode(Int.self, forKey: .plannedRuns)
        elapsedSeconds = try container.decodeIfPresent(Double.self, forKey: .elapsedSeconds)
        environment = try container.decode(MachineFacts.self, forKey: .environment)
        scenarios = try container.decode([RecordedScenario].self, forKey: .scenarios).map(\.description)
        cells = try container.decode([CellReport].self, forKey: .cells)
        findings = try container.decode([Finding].self, forKey: .findings)
        comparisons = try container.decode([Comparison].self, forKey: .comparisons)
        runs = try container.decode([RunResult].self, forKey: .runs)
        calibration = try container.decodeIfPresent(CalibrationFigures.self, forKey: .calibration)
        sites = try container.decodeIfPresent([CellSites].self, forKey: .sites)
        decisions = ReportDecisions(self)
        // issue 25: absent from reports written before checks had to agree and budgets existed.
        budgets = try container.decodeIfPresent([BudgetCheck].self, forKey: .budgets) ?? []
        differentWork = try container.decodeIfPresent([WorkMismatch].self, forKey: .differentWork) ?? Report.workMismatches(self)
    }

    /// One scenario of report.json: a whole description, or the part of one that reports kept
    /// before descriptions were embedded whole.
    struct RecordedScenario: Decodable {
        var description: ScenarioDescription

        enum Key: String, CodingKey {
            case name, summary, sizeUnit, variants, reportedPhases, livePhase, releasePhase, verificationPhases,
                 comparisons, figures, figuresByAllocator, allocatorSensitive
        }

        init(from decoder: any Decoder) throws {
            do {
                description = try ScenarioDescription(from: decoder)
            } catch DecodingError.keyNotFound {
                let container = try decoder.container(keyedBy: Key.self)
                let variants = try container.decode([ScenarioVariant].self, forKey: .variants)
                description = ScenarioDescription(
                    name: try container.decode(String.self, forKey: .name), summary: try container.decode(String.self, forKey: .summary),
                    sizeUnit: try container.decode(String.self, forKey: .sizeUnit), defaultSize: 0, quickSize: 0, sweepSizes: nil,
                    isHidden: false, variants: variants, reportedPhases: try container.decode([String].self, forKey: .reportedPhases),
                    livePhase: try container.decode(String.self, forKey: .livePhase),
                    releasePhase: try container.decodeIfPresent(String.self, forKey: .releasePhase),
                    verificationPhases: try container.decodeIfPresent([String].self, forKey: .verificationPhases) ?? [],
                    // Absent: a scenario described from its runs, whose variants each compare with the first.
                    comparisons: try container.decodeIfPresent([VariantComparison].self, forKey: .comparisons)
                        ?? ScenarioDescription.eachAgainstTheFirst(variants),
                    figures: try container.decodeIfPresent([ScenarioFigure].self, forKey: .figures) ?? [],
                    figuresByAllocator: try container.decodeIfPresent(Bool.self, forKey: .figuresByAllocator) ?? false,
                    parameters: [])
                description.allocatorSensitive = try container.decodeIfPresent(Bool.self, forKey: .allocatorSensitive) ?? false
            }
        }
    }
}
