import MemoryProbe
import BenchModel
import Statistics

/// One comparison a report makes, decided: two cells' runs of one metric, with the verdict
/// (effect, interval, floor, p before and after the report-wide adjustment, runs per side,
/// method). `report.json` carries every one, so a CI job or dashboard reads what a finding is
/// about without parsing its sentence.
public struct Comparison: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// A fix against the pitfall it cures, under one configuration (`VariantComparison.Kind.fix`).
        case fix
        /// One of two alternatives against the other (`.alternatives`): neither is a mistake.
        case alternative
        /// A variant against its control (`.control`): the same work without the factor under
        /// study; compared and shown, never recommended.
        case control
        /// A configuration against glibc, in one variant.
        case allocator

        /// Between two variants of the scenario (not two configurations).
        public var isVariantComparison: Bool { self != .allocator }

        init(_ kind: VariantComparison.Kind) {
            switch kind {
            case .fix: self = .fix
            case .alternatives: self = .alternative
            case .control: self = .control
            }
        }
    }

    public enum Metric: String, Codable, Sendable, CaseIterable {
        /// The run's largest phase peak over its baseline (verification phases left out).
        case peak
        /// RSS over baseline at the end of the phase that releases the work's memory.
        case afterRelease
        /// RSS over baseline at the end of the `settle` phase (threads idle, decay timers run),
        /// compared only where the settle outlasts each side's allocator decay.
        case afterSettle
        /// The run's wall time over its phases, seconds: what a memory gain may cost.
        case wallTime
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
            case .wallTime: return "wall time"
            case .plateau: return "plateau"
            case .creep: return "creep over the window"
            }
        }

        /// Bytes, except wall time (seconds).
        public var isBytes: Bool { self != .wallTime }

        /// A figure of this metric: "+12.3 MiB" (over the baseline), or "0.84 s" (a duration is
        /// never signed).
        public func format(_ value: Double, signed: Bool = true) -> String {
            isBytes ? mebibytes(value, signed: signed) : String(format: "%.2f s", value)
        }

        /// A small amount of this metric (a floor, a margin): "8 KiB", "1.7 MiB", "0.01 s".
        public func amount(_ value: Double) -> String {
            isBytes ? Findings.size(value) : String(format: "%.2f s", value)
        }

        /// A difference of this metric: "−52 %" (bytes: see `Findings.change`), or for wall time
        /// always relative ("+8 %", "2.1× as long").
        public func change(_ mine: Double, from theirs: Double) -> String {
            guard !isBytes else { return Findings.change(mine, from: theirs) }
            guard theirs > 0 else { return format(mine - theirs) }
            let percent = (mine - theirs) / theirs * 100
            if percent > 200 { return String(format: "%.1f× as long", mine / theirs) }
            return (percent < 0 ? "−" : "+") + String(format: "%.0f %%", abs(percent))
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
