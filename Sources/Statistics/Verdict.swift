/// What a report may say about one comparison, with everything needed to say it in numbers.
public struct Verdict: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The adjusted p is under α and the effect exceeds the practical floor.
        case beyondNoise
        /// The effect's (1 − 2α) interval lies inside ±margin, and the runs could have detected a
        /// difference of the margin's size: equivalent for practical purposes.
        case withinNoise
        /// Neither; `additionalRunsPerSide` says how many more runs would likely decide (nil:
        /// the noise is too wide for any number of runs to, see `smallestDetectableEffect`).
        case undecided
        /// A side has no runs, or fewer than 2 and no pooled variance to lean on.
        case notJudged
    }

    public var kind: Kind
    /// mean(candidate) − mean(reference), bytes.
    public var effect: Double
    /// The effect's (1 − α) confidence interval, unadjusted; nil when not judged.
    public var interval: Interval?
    public var floor: Double
    /// The equivalence margin: "within noise" means the effect is shown to lie inside ±margin.
    /// Unlike `floor` it does not grow with the noise (see `VerdictPolicy.equivalenceMargin`).
    public var margin: Double
    public var p: Double
    public var adjustedP: Double
    public var referenceRuns: Int
    public var candidateRuns: Int
    public var referenceMedian: Double
    public var candidateMedian: Double
    public var method: String
    /// The smallest |effect| these runs could have called beyond noise (the floor, or the
    /// Bonferroni-level significance threshold if that is larger): "each cell states the
    /// smallest effect it could have detected". nil when not judged (JSON has no infinity).
    public var smallestDetectableEffect: Double?
    /// For `.undecided`: more runs per side estimated to decide at the current σ and effect;
    /// nil when even `maximumRunsPerSide` would not (or for other kinds).
    public var additionalRunsPerSide: Int?

    /// Judges every comparison of one report together, adjusting p-values over all of them.
    public static func judge(_ tests: [DifferenceTest], policy: VerdictPolicy = .default) -> [Verdict] {
        let adjusted = MultipleComparisons.adjust(tests.map(\.p), method: policy.adjustment)
        let comparisons = max(1, tests.filter(\.isJudgeable).count)
        // Critical values depend only on the degrees of freedom here; a report has few distinct ones.
        var memo: [Int: CriticalValues] = [:]
        return zip(tests, adjusted).map { test, adjustedP in
            let critical = memo[test.degreesOfFreedom]
                ?? CriticalValues(degreesOfFreedom: test.degreesOfFreedom, comparisons: comparisons, policy: policy)
            memo[test.degreesOfFreedom] = critical
            return Verdict(test: test, adjustedP: adjustedP, comparisons: comparisons, policy: policy, critical: critical)
        }
    }

    /// The t multipliers a verdict needs: for the (1 − α) interval, the (1 − 2α) equivalence
    /// interval, and significance at the Bonferroni level α / comparisons.
    struct CriticalValues {
        var interval: Double
        var equivalence: Double
        var significance: Double
        init(degreesOfFreedom: Int, comparisons: Int, policy: VerdictPolicy) {
            let df = Double(max(1, degreesOfFreedom))
            interval = StudentT.criticalValue(twoSidedP: policy.alpha, degreesOfFreedom: df)
            equivalence = StudentT.criticalValue(twoSidedP: 2 * policy.alpha, degreesOfFreedom: df)
            significance = StudentT.criticalValue(twoSidedP: policy.alpha / Double(max(1, comparisons)), degreesOfFreedom: df)
        }
    }

    /// One comparison's verdict, given its p-value already adjusted over `comparisons` tests.
    public init(test: DifferenceTest, adjustedP: Double, comparisons: Int, policy: VerdictPolicy = .default) {
        self.init(test: test, adjustedP: adjustedP, comparisons: comparisons, policy: policy,
                  critical: CriticalValues(degreesOfFreedom: test.degreesOfFreedom, comparisons: comparisons, policy: policy))
    }

    init(test: DifferenceTest, adjustedP: Double, comparisons: Int, policy: VerdictPolicy, critical: CriticalValues) {
        effect = test.effect
        floor = test.floor
        margin = test.margin
        p = test.p
        self.adjustedP = adjustedP
        referenceRuns = test.referenceRuns
        candidateRuns = test.candidateRuns
        referenceMedian = test.referenceMedian
        candidateMedian = test.candidateMedian
        method = test.method + ", \(policy.adjustment.rawValue) over \(comparisons) comparisons"
        additionalRunsPerSide = nil

        guard test.isJudgeable else {
            kind = .notJudged
            interval = nil
            smallestDetectableEffect = nil
            return
        }
        let interval = test.interval(t: critical.interval)
        let equivalence = test.interval(t: critical.equivalence)
        self.interval = interval
        let significanceT = critical.significance
        smallestDetectableEffect = max(test.floor, significanceT * test.standardError)

        if adjustedP < policy.alpha && abs(test.effect) > test.floor {
            kind = .beyondNoise
        } else if equivalence.isInside(plusOrMinus: test.margin), smallestDetectableEffect.map({ $0 <= test.margin }) == true {
            // Two one-sided tests at α: the (1 − 2α) interval inside ±margin, and a difference of
            // the margin's size would have been called beyond noise. Noise wider than the margin
            // is never "no difference", however the interval falls.
            kind = .withinNoise
        } else {
            kind = .undecided
            additionalRunsPerSide = Verdict.runsToDecide(test: test, significanceT: significanceT, equivalenceT: critical.equivalence, policy: policy)
        }
    }

    /// Runs per side (both sides equal) at which the comparison would likely be decided, assuming σ
    /// and the effect stay as measured: beyond noise when |effect| exceeds the floor (the
    /// interval's half-width at the significance t must fit between them), within noise when the
    /// floor is inside the margin and |effect| under it (the equivalence interval must fit inside
    /// ±margin and the significance half-width under the margin). nil when neither can happen:
    /// the noise's own floor is wider than the margin, or more than `maximumRunsPerSide` it takes.
    static func runsToDecide(test: DifferenceTest, significanceT: Double, equivalenceT: Double, policy: VerdictPolicy) -> Int? {
        let effect = abs(test.effect)
        let t = significanceT.isFinite ? significanceT : 3
        guard test.sigma > 0 else { return nil }
        // half-width = t σ √(2/n) ≤ room  ⇒  n ≥ 2 (t σ / room)²
        let ratio: Double
        if effect > test.floor {
            ratio = t * test.sigma / (effect - test.floor)
        } else if test.floor <= test.margin, effect < test.margin {
            ratio = max(equivalenceT * test.sigma / (test.margin - effect), t * test.sigma / test.margin)
        } else {
            return nil
        }
        let needed = 2 * ratio * ratio
        guard needed.isFinite, needed <= Double(policy.maximumRunsPerSide) else { return nil }
        let current = min(test.referenceRuns, test.candidateRuns)
        return max(1, Int(needed.rounded(.up)) - current)
    }
}
