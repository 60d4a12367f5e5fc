import BenchModel
import MemoryProbe
import Statistics

/// `report.json`: everything a report says, from one suite's results. Its shape is versioned by
/// `schemaVersion`; a reader must refuse a newer version rather than misread it.
public struct Report: Codable, Sendable {
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    public var runId: String
    /// True when the suite did not finish every planned run.
    public var partial: Bool
    public var plannedRuns: Int
    public var elapsedSeconds: Double?
    public var environment: MachineFacts
    public var scenarios: [ScenarioInfo]
    public var cells: [CellReport]
    public var findings: [Finding]
    /// Every comparison the report made, judged together (see `Report+Verdicts.swift`); absent
    /// in reports of schemaVersion 1.
    public var comparisons: [Comparison]? = nil
    /// Every run with its phases (the RSS time series stay in results.jsonl).
    public var runs: [RunResult]
    /// The instrument's figures on this machine from `bench doctor --calibrate`; nil when they
    /// were not measured (see `Report+Calibration.swift`).
    public var calibration: CalibrationFigures? = nil
    /// `--sites`: where each cell's live bytes came from, from its profiling run (never part
    /// of `runs`, `cells` or any verdict); absent without `--sites`.
    public var sites: [CellSites]? = nil

    /// A scenario as the worker described it when the suite ran (`bench-worker catalog`), so a
    /// report re-rendered later uses the definitions its runs were made with. The optional
    /// fields are absent from reports written before they existed.
    public struct ScenarioInfo: Codable, Sendable {
        public var name: String
        public var summary: String
        public var sizeUnit: String
        public var variants: [ScenarioVariant]
        public var reportedPhases: [String]
        public var livePhase: String
        public var releasePhase: String?
        /// Phases that check the work (hash the output); never part of a run's peak.
        public var verificationPhases: [String]?
        /// Fix against pitfall: the only variant pairs the findings compare.
        public var comparisons: [VariantComparison]?
        public var figures: [ScenarioFigure]?
        public var figuresByAllocator: Bool?
        /// RSS over time is drawn per configuration (`AllocatorSensitive`); absent before it existed.
        public var allocatorSensitive: Bool? = nil

        public init(name: String, summary: String, sizeUnit: String, variants: [ScenarioVariant], reportedPhases: [String],
                    livePhase: String, releasePhase: String? = nil, verificationPhases: [String]? = nil,
                    comparisons: [VariantComparison]? = nil, figures: [ScenarioFigure]? = nil, figuresByAllocator: Bool? = nil) {
            self.name = name
            self.summary = summary
            self.sizeUnit = sizeUnit
            self.variants = variants
            self.reportedPhases = reportedPhases
            self.livePhase = livePhase
            self.releasePhase = releasePhase
            self.verificationPhases = verificationPhases
            self.comparisons = comparisons
            self.figures = figures
            self.figuresByAllocator = figuresByAllocator
        }

        public init(_ description: ScenarioDescription) {
            self.init(name: description.name, summary: description.summary, sizeUnit: description.sizeUnit,
                      variants: description.variants, reportedPhases: description.reportedPhases,
                      livePhase: description.livePhase, releasePhase: description.releasePhase,
                      verificationPhases: description.verificationPhases, comparisons: description.comparisons,
                      figures: description.figures, figuresByAllocator: description.figuresByAllocator)
            allocatorSensitive = description.allocatorSensitive
        }
    }
}
