import BenchModel
import MemoryProbe
import Statistics

/// `report.json`: everything a report says, from one suite's results. Its shape is versioned by
/// `schemaVersion`; a reader must refuse a newer version rather than misread it, and refuses
/// version 1 (see `ReportLoader`).
public struct Report: Codable, Sendable {
    public static let currentSchemaVersion = 3

    public var schemaVersion: Int
    public var runId: String
    /// True when the suite did not finish every planned run.
    public var partial: Bool
    public var plannedRuns: Int
    public var elapsedSeconds: Double?
    public var environment: MachineFacts
    /// Each scenario as the worker described it when the suite ran (`bench-worker catalog`), so
    /// a report re-rendered later uses the definitions its runs were made with; a `bench exec`
    /// command's is described from its runs (`ScenarioDescription.described(_:from:)`).
    public var scenarios: [ScenarioDescription]
    public var cells: [CellReport]
    public var findings: [Finding]
    /// Every comparison the report made, judged together (see `Verdicts/Report+Verdicts.swift`).
    public var comparisons: [Comparison]
    /// Every run with its phases (the RSS time series stay in results.jsonl).
    public var runs: [RunResult]
    /// The instrument's figures on this machine from `bench doctor --calibrate`; nil when they
    /// were not measured (see `Report+NoiseFloor.swift`).
    public var calibration: CalibrationFigures? = nil
    /// `--sites`: where each cell's live bytes came from, from its profiling run (never part
    /// of `runs`, `cells` or any verdict); absent without `--sites`.
    public var sites: [CellSites]? = nil
    /// The answer per scenario at its main size, one each (`ReportDecisions`): what the verdict
    /// table and "What to do" show, for programs. Written, never read back: a report read from
    /// report.json decides them again from its comparisons.
    public internal(set) var recommendations: [Recommendation] = []
    /// What the report concludes, decided once (see `ReportDecisions`); not in report.json.
    public internal(set) var decisions = ReportDecisions()
    /// Comparisons left out because their two sides did different work (a check they must agree
    /// on differs; see `Report+OutputAgreement.swift`), decided once when the report is built.
    public internal(set) var differentWork: [WorkMismatch] = []
    /// Every budget in effect checked in every cell it applies to (see `Report+Budgets.swift`).
    public internal(set) var budgets: [BudgetCheck] = []

    enum CodingKeys: String, CodingKey {
        case schemaVersion, runId, partial, plannedRuns, elapsedSeconds, environment, scenarios, cells, findings,
             comparisons, recommendations, runs, calibration, sites
        case differentWork, budgets
    }
}

extension Report {
    /// Decides what the report concludes from its comparisons and runs (`ReportDecisions`) and
    /// the recommendations it writes.
    mutating func decide() {
        decisions = ReportDecisions(self)
        recommendations = decisions.scenarios.compactMap(\.recommendation)
    }
}
