import BenchModel
import MemoryProbe

/// A scenario's row of the verdict table: the fix's effect on peak, and per figure the
/// configuration with the lowest median among those lower than glibc's beyond noise, in the
/// variant the allocator story is about.
public struct VerdictRow: Sendable {
    /// The fix shown: the one the recommendation names, else the one with the largest effect
    /// either way under glibc; nil when no fix was compared.
    public var fix: Comparison?
    /// The variant the configuration columns compare in: the shown fix's pitfall, else the
    /// recommendation's.
    public var variant: String
    public var peak: Best
    public var afterRelease: Best
    public var afterSettle: Best

    /// One figure's column.
    public enum Best: Sendable {
        /// No configuration was compared on this figure.
        case notCompared
        /// The configuration with the lowest median among those lower than glibc beyond noise.
        case lower(Comparison)
        /// None is lower beyond noise: glibc holds (`undecided` comparisons could still change it).
        case referenceHolds(undecided: Int)
    }

    init(scenario: ScenarioDescription, comparisons: [Comparison]) {
        let fix = Recommendation.bestFix(comparisons)
            ?? Recommendation.fixesUnderReference(comparisons).max { abs($0.verdict.effect) < abs($1.verdict.effect) }
        let variant = fix?.referenceVariant ?? Recommendation.allocatorVariant(scenario, comparisons: comparisons)
        self.fix = fix
        self.variant = variant
        let allocators = comparisons.filter { $0.kind == .allocator && $0.referenceVariant == variant }
        func best(_ metric: Comparison.Metric) -> Best {
            let candidates = allocators.filter { $0.metric == metric }
            guard !candidates.isEmpty else { return .notCompared }
            let better = candidates.filter { $0.verdict.kind == .beyondNoise && $0.verdict.effect < 0 }
            if let winner = better.min(by: { $0.verdict.candidateMedian < $1.verdict.candidateMedian }) { return .lower(winner) }
            return .referenceHolds(undecided: candidates.filter { $0.verdict.kind == .undecided || $0.verdict.kind == .notJudged }.count)
        }
        peak = best(.peak)
        afterRelease = best(.afterRelease)
        afterSettle = best(.afterSettle)
    }
}
