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
        }
    }
}

/// One sentence of the report's findings, with what it is about in fields a program can read:
/// its kind, scenario, size, variants, configurations, the comparisons it states (each with
/// metric, both medians, effect with interval, runs per side, verdict and method) and its verdict.
public struct Finding: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// Runs that failed, timed out or ran out of memory.
        case failure
        /// One variant ran out of memory at the cap while another finished.
        case memoryCap
        /// Variants that must produce the same output did not.
        case outputMismatch
        /// Something the reader must know to read the rest (single runs, say).
        case note
        /// A fix against its pitfall.
        case fix
        /// A configuration against glibc (peak, after release, settled in one line).
        case allocator
        /// Configurations that made no difference beyond noise, said once per scenario and size.
        case noDifference
        /// How a variant's peak grows over a size sweep.
        case growth
    }

    /// Absent in reports written before findings had fields (schemaVersion 1).
    public var kind: Kind?
    public var scenario: String?
    public var size: Int?
    public var variants: [String]?
    public var configurations: [String]?
    /// The comparisons the sentence states; the first is its headline.
    public var comparisons: [Comparison]?
    /// The headline comparison's verdict (nil for failures and notes).
    public var verdict: Verdict.Kind?
    public var text: String
    /// The finding stands beyond the runs' noise (failures and mismatches always do).
    public var beyondNoise: Bool

    /// What a reader sees before the sentence when it is not beyond noise: "(undecided)",
    /// "(within noise)", "(not judged)"; nil when it is.
    public var marker: String? {
        guard !beyondNoise else { return nil }
        switch verdict {
        case .undecided?: return "undecided"
        case .withinNoise?: return "within noise"
        case .notJudged?: return "not judged"
        default: return "noise"
        }
    }

    public init(kind: Kind, scenario: String?, size: Int? = nil, variants: [String]? = nil, configurations: [String]? = nil,
                comparisons: [Comparison]? = nil, verdict: Verdict.Kind? = nil, text: String, beyondNoise: Bool) {
        self.kind = kind
        self.scenario = scenario
        self.size = size
        self.variants = variants
        self.configurations = configurations
        self.comparisons = comparisons
        self.verdict = verdict
        self.text = text
        self.beyondNoise = beyondNoise
    }
}

/// A cell's runs summarised: every byte figure is over the run's own baseline (the process's
/// RSS before its first phase) unless its name says otherwise.
public struct CellReport: Codable, Sendable {
    public var key: CellKey
    public var status: RunResult.Status
    public var okRuns: Int
    public var failedRuns: Int
    public var reasons: [String]
    /// How the allocator was proved, as the first verified run put it.
    public var proof: String?
    public var baselineBytes: Summary?
    public var peakBytes: Summary?
    public var peakOverBaselineBytes: Summary?
    /// RSS over baseline at the end of each phase.
    public var rssAfterPhaseOverBaselineBytes: [String: Summary]
    /// Allocator live bytes at the end of the scenario's live phase.
    public var liveBytes: Summary?
    public var wallSeconds: Summary?
    public var phases: [PhaseSummary]
    /// wait4's ru_maxrss over the runs: the command's own peak for `bench exec`; for worker runs
    /// an upper bound that includes bench's high-water mark at spawn (see `ProcessFacts`).
    public var maxRSSBytes: Summary?

    public struct PhaseSummary: Codable, Sendable {
        public var name: String
        public var peakOverBaselineBytes: Summary?
        public var sampledPeakOverBaselineBytes: Summary?
        public var rssOverBaselineBytes: Summary?
        public var rssAnonBytes: Summary?
        public var rssFileBytes: Summary?
        public var liveBytes: Summary?
        public var freeBytes: Summary?
        public var residentBytes: Summary?
        public var retainedBytes: Summary?
        public var arenas: Int?
        public var wallSeconds: Summary?
        public var cpuSeconds: Summary?
    }
}
