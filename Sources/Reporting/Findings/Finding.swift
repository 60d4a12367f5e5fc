import BenchModel
import Statistics

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
        /// One alternative against the other (neither a mistake).
        case alternative
        /// A variant against its control: shown, never advice.
        case control
        /// A configuration against glibc (peak, after release, settled in one line).
        case allocator
        /// Configurations that made no difference beyond noise, said once per scenario and size.
        case noDifference
        /// How a variant's peak grows over a size sweep.
        case growth
        /// Whether a soak's RSS creeps over its steady window, per configuration.
        case creep
    }

    public var kind: Kind
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
