import BenchModel
import Statistics

/// One comparison a report makes, decided: two cells' runs of one metric, with the verdict
/// (effect, interval, floor, p before and after the report-wide adjustment, runs per side,
/// method). `report.json` carries every one, so a CI job or dashboard reads what a finding is
/// about without parsing its sentence.
public struct Comparison: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// A fix against the pitfall it cures, under one configuration.
        case fix
        /// A configuration against glibc, in one variant.
        case allocator
    }

    public enum Metric: String, Codable, Sendable, CaseIterable {
        /// The run's largest phase peak over its baseline (verification phases left out).
        case peak
        /// RSS over baseline at the end of the phase that releases the work's memory.
        case afterRelease
        /// RSS over baseline at the end of the `settle` phase (threads idle, decay timers run).
        case afterSettle
        /// A service's mean RSS after its warm-up (`RunSteadyState.plateauBytes`; whole RSS).
        case plateau
        /// What a service's creep adds over its window: the slope after the warm-up × the window
        /// (`RunSteadyState.creepOverWindowBytes`).
        case creep

        public var words: String {
            switch self {
            case .peak: return "peak"
            case .afterRelease: return "after release"
            case .afterSettle: return "settled"
            case .plateau: return "plateau"
            case .creep: return "creep over the window"
            }
        }
    }

    public var kind: Kind
    public var scenario: String
    public var size: Int
    /// The reference side's variant and configuration (the pitfall; glibc).
    public var referenceVariant: String
    public var referenceConfiguration: String
    /// The candidate side's (the fix; the other configuration).
    public var candidateVariant: String
    public var candidateConfiguration: String
    public var metric: Metric
    /// The phase whose end the metric reads (nil for peak).
    public var phase: String?
    public var verdict: Verdict

    public var referenceCell: CellKey {
        CellKey(scenario: scenario, variant: referenceVariant, allocator: referenceConfiguration, size: size)
    }
    public var candidateCell: CellKey {
        CellKey(scenario: scenario, variant: candidateVariant, allocator: candidateConfiguration, size: size)
    }
}

extension Verdict.Kind {
    /// How a finding says it: "beyond noise", "within noise", "undecided", "not judged".
    public var words: String {
        switch self {
        case .beyondNoise: return "beyond noise"
        case .withinNoise: return "within noise"
        case .undecided: return "undecided"
        case .notJudged: return "not judged"
        }
    }
}
