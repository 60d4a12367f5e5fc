/// What a worker says about one of its scenarios (`bench-worker catalog`): everything the CLI
/// and the report need to plan runs and compare variants, without linking the scenarios.
public struct ScenarioDescription: Codable, Sendable, Equatable {
    public var name: String
    public var summary: String
    /// The unit of work `size` counts ("rows", "orders").
    public var sizeUnit: String
    public var defaultSize: Int
    public var quickSize: Int
    /// Sizes of the suite's sweep (nil: the scenario is not swept).
    public var sweepSizes: SweepSizes?
    public var isHidden: Bool
    /// Each with its phases and, where it has one, its maximum size.
    public var variants: [ScenarioVariant]
    public var reportedPhases: [String]
    public var livePhase: String
    public var releasePhase: String?
    public var verificationPhases: [String]
    /// Every comparison the report may make, each with its kind (fix, alternatives, control).
    public var comparisons: [VariantComparison]
    public var figures: [ScenarioFigure]
    public var figuresByAllocator: Bool
    /// The `--param` keys the scenario accepts.
    public var parameters: [ParameterDeclaration]
    /// The scenario is `AllocatorSensitive`: the report draws RSS over time per configuration.
    /// Decoded as false from catalogs written before it existed.
    public var allocatorSensitive: Bool = false
    /// How `bench all` runs the scenario; nil: every variant under every chosen configuration.
    public var suiteDefaults: SuiteDefaults? = nil

    /// The limits the scenario sets on its runs' figures, each for one variant or (variant nil)
    /// for all; decoded as none from catalogs written before budgets existed.
    public var budgets: [Budget] = []

    public struct SweepSizes: Codable, Sendable, Equatable {
        public var suite: [Int]
        public var quick: [Int]

        public init(suite: [Int], quick: [Int]) {
            self.suite = suite
            self.quick = quick
        }
    }

    public init(name: String, summary: String, sizeUnit: String, defaultSize: Int, quickSize: Int, sweepSizes: SweepSizes?,
                isHidden: Bool, variants: [ScenarioVariant], reportedPhases: [String], livePhase: String,
                releasePhase: String?, verificationPhases: [String], comparisons: [VariantComparison],
                figures: [ScenarioFigure], figuresByAllocator: Bool, parameters: [ParameterDeclaration]) {
        self.name = name
        self.summary = summary
        self.sizeUnit = sizeUnit
        self.defaultSize = defaultSize
        self.quickSize = quickSize
        self.sweepSizes = sweepSizes
        self.isHidden = isHidden
        self.variants = variants
        self.reportedPhases = reportedPhases
        self.livePhase = livePhase
        self.releasePhase = releasePhase
        self.verificationPhases = verificationPhases
        self.comparisons = comparisons
        self.figures = figures
        self.figuresByAllocator = figuresByAllocator
        self.parameters = parameters
    }

    private enum CodingKeys: String, CodingKey {
        case name, summary, sizeUnit, defaultSize, quickSize, sweepSizes, isHidden, variants, reportedPhases, livePhase,
             releasePhase, verificationPhases, comparisons, figures, figuresByAllocator, parameters, allocatorSensitive,
             suiteDefaults
        case budgets
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name), summary: try container.decode(String.self, forKey: .summary),
            sizeUnit: try container.decode(String.self, forKey: .sizeUnit), defaultSize: try container.decode(Int.self, forKey: .defaultSize),
            quickSize: try container.decode(Int.self, forKey: .quickSize), sweepSizes: try container.decodeIfPresent(SweepSizes.self, forKey: .sweepSizes),
            isHidden: try container.decode(Bool.self, forKey: .isHidden), variants: try container.decode([ScenarioVariant].self, forKey: .variants),
            reportedPhases: try container.decode([String].self, forKey: .reportedPhases), livePhase: try container.decode(String.self, forKey: .livePhase),
            releasePhase: try container.decodeIfPresent(String.self, forKey: .releasePhase),
            verificationPhases: try container.decode([String].self, forKey: .verificationPhases),
            comparisons: try container.decode([VariantComparison].self, forKey: .comparisons),
            figures: try container.decode([ScenarioFigure].self, forKey: .figures),
            figuresByAllocator: try container.decode(Bool.self, forKey: .figuresByAllocator),
            parameters: try container.decode([ParameterDeclaration].self, forKey: .parameters))
        allocatorSensitive = try container.decodeIfPresent(Bool.self, forKey: .allocatorSensitive) ?? false
        suiteDefaults = try container.decodeIfPresent(SuiteDefaults.self, forKey: .suiteDefaults)
        budgets = try container.decodeIfPresent([Budget].self, forKey: .budgets) ?? []
    }
}

/// The answer of `bench-worker catalog`: every scenario the worker can run.
public struct ScenarioCatalogDescription: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var scenarios: [ScenarioDescription]
    /// How the worker was compiled (`debug` or `release`); absent from workers before it was said.
    public var buildConfiguration: String?

    public init(schemaVersion: Int = ScenarioCatalogDescription.currentSchemaVersion, scenarios: [ScenarioDescription]) {
        self.schemaVersion = schemaVersion
        self.scenarios = scenarios
    }

    public func scenario(named name: String) -> ScenarioDescription? { scenarios.first { $0.name == name } }
}

extension ScenarioDescription {
    /// What a worker says about `scenario` in its catalog.
    public init(describing scenario: any Scenario) {
        let figures = scenario as? any ReportsFigures
        let sweep = (scenario as? any SweepsInSuite).map {
            SweepSizes(suite: $0.suiteSweepSizes, quick: $0.quickSweepSizes)
        }
        self.init(
            name: scenario.name, summary: scenario.summary, sizeUnit: scenario.sizeUnit, defaultSize: scenario.defaultSize,
            quickSize: scenario.quickSize, sweepSizes: sweep, isHidden: scenario.isHidden, variants: scenario.variants,
            reportedPhases: scenario.reportedPhases, livePhase: scenario.livePhase, releasePhase: scenario.releasePhase,
            verificationPhases: scenario.verificationPhases, comparisons: scenario.comparisons,
            figures: figures?.figures ?? [], figuresByAllocator: figures?.figuresByAllocator ?? false,
            parameters: scenario.parameters)
        allocatorSensitive = scenario is any AllocatorSensitive
        suiteDefaults = scenario.suiteDefaults == .none ? nil : scenario.suiteDefaults
        budgets = scenario.budgets
    }
}

extension ScenarioCatalogDescription {
    /// The catalog of a worker that runs `scenarios` (`bench-worker catalog`).
    public init(describing scenarios: [any Scenario]) {
        self.init(scenarios: scenarios.map(ScenarioDescription.init(describing:)))
    }
}

/// How the code of this build was compiled (`debug` or `release`): MemoryProbe is compiled with
/// the package it is part of, so a worker and bench each say their own.
public enum BuildConfiguration {
    public static var current: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }
}
