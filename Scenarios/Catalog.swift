import MemoryProbe

/// Every scenario the worker can run, in the order `bench all` runs them.
public enum ScenarioCatalog {
    public static let all: [any Scenario] = [
        LoadAllVsBatched(),
        StringBuilding(),
        Caches(),
        ThreadedChurn(),
        BulkWrites(),
        Fault(),
        // Calibration (hidden): the instrument measured against known answers.
        NullCalibration(), SpikeCalibration(), KnownSizeCalibration(), CPUBoundCalibration(),
    ]

    /// The scenarios `bench all` runs (hidden ones run only when named).
    public static var visible: [any Scenario] { all.filter { !$0.isHidden } }

    public static func named(_ name: String) -> (any Scenario)? {
        all.first { $0.name == name }
    }

    /// The catalog as data (`bench-worker catalog`).
    public static var description: ScenarioCatalogDescription {
        ScenarioCatalogDescription(scenarios: all.map(describe))
    }

    public static func describe(_ scenario: any Scenario) -> ScenarioDescription {
        let figures = scenario as? any ReportsFigures
        let sweep = (scenario as? any SweepsInSuite).map {
            ScenarioDescription.SweepSizes(suite: $0.suiteSweepSizes, quick: $0.quickSweepSizes)
        }
        return ScenarioDescription(
            name: scenario.name, summary: scenario.summary, sizeUnit: scenario.sizeUnit, defaultSize: scenario.defaultSize,
            quickSize: scenario.quickSize, sweepSizes: sweep, isHidden: scenario.isHidden, variants: scenario.variants,
            reportedPhases: scenario.reportedPhases, livePhase: scenario.livePhase, releasePhase: scenario.releasePhase,
            verificationPhases: scenario.verificationPhases, comparisons: scenario.comparisons,
            figures: figures?.figures ?? [], figuresByAllocator: figures?.figuresByAllocator ?? false,
            parameters: scenario.parameters)
    }
}
