import MemoryProbe

/// The phases whose ends the report's figures read.
extension ScenarioDescription {
    /// The phase whose end the after-release figure reads: the declared release phase, else
    /// `release` when reported, else the last reported phase ("" when none).
    var releaseFigurePhase: String {
        releasePhase ?? (reportedPhases.contains("release") ? "release" : (reportedPhases.last ?? ""))
    }

    /// Whether any variant idles in a `settle` phase (the settled figure).
    var settles: Bool { variants.contains { $0.phases.contains(ComparisonPlan.settlePhase) } }
}
