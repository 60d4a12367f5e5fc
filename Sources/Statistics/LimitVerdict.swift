/// What a report says about one budget in one cell: exceeded (beyond noise, after the adjustment
/// over every budget of the report), met (the figure's upper bound under the limit by the
/// margin), or undecided (neither: the figure is within noise of the limit, or the runs too few).
public struct LimitVerdict: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The adjusted p is under α and the excess exceeds the practical floor.
        case exceeded
        /// The (1 − 2α) interval's upper end is below limit − margin: one-sided, at α.
        case met
        /// Neither: the runs cannot tell the figure from the limit.
        case undecided
        /// No run, or a single run and no pooled variance to lean on.
        case notJudged
    }

    public var kind: Kind
    public var limit: Double
    public var median: Double
    public var excess: Double
    /// The mean's (1 − α) interval, unadjusted; nil when not judged.
    public var interval: Interval?
    /// The upper end of the (1 − 2α) interval: what `met` is decided on; nil when not judged.
    public var upperBound: Double?
    public var floor: Double
    public var margin: Double
    public var p: Double
    public var adjustedP: Double
    public var runs: Int
    public var method: String

    /// Judges every budget of one report together: Holm over the budgets alone (their own family,
    /// see docs/reading-the-report.md: a gate must not weaken as the suite compares more
    /// configurations, nor weaken the report's findings as budgets are added).
    public static func judge(_ tests: [LimitTest], policy: VerdictPolicy = .default) -> [LimitVerdict] {
        let adjusted = MultipleComparisons.adjust(tests.map(\.p), method: policy.adjustment)
        let family = max(1, tests.filter(\.isJudgeable).count)
        return zip(tests, adjusted).map { test, adjustedP in
            LimitVerdict(test: test, adjustedP: adjustedP, family: family, policy: policy)
        }
    }

    init(test: LimitTest, adjustedP: Double, family: Int, policy: VerdictPolicy) {
        limit = test.limit
        median = test.median
        excess = test.excess
        floor = test.floor
        margin = test.margin
        p = test.p
        self.adjustedP = adjustedP
        runs = test.runs
        method = test.method + ", \(policy.adjustment.rawValue) over \(family) budget check\(family == 1 ? "" : "s")"
        guard test.isJudgeable else {
            (kind, interval, upperBound) = (.notJudged, nil, nil)
            return
        }
        let df = Double(test.degreesOfFreedom)
        interval = test.interval(t: StudentT.criticalValue(twoSidedP: policy.alpha, degreesOfFreedom: df))
        let upper = test.interval(t: StudentT.criticalValue(twoSidedP: 2 * policy.alpha, degreesOfFreedom: df)).upper
        upperBound = upper
        if adjustedP < policy.alpha && test.excess > test.floor {
            kind = .exceeded
        } else if upper < test.limit - test.margin {
            kind = .met
        } else {
            kind = .undecided
        }
    }

    /// Counts (allocations) are exact: no noise model, only the runs' own range. Exceeded when
    /// every run is over the limit, met when every run is at most the limit, undecided when
    /// the runs fall on both sides.
    public static func exactCounts(_ values: [Double], limit: Double) -> LimitVerdict {
        let low = values.min() ?? 0, high = values.max() ?? 0
        let kind: Kind = values.isEmpty ? .notJudged : low > limit ? .exceeded : high <= limit ? .met : .undecided
        return LimitVerdict(kind: kind, limit: limit, median: Sample.median(values) ?? 0, excess: (Sample.mean(values) ?? 0) - limit,
                            interval: values.isEmpty ? nil : Interval(lower: low, upper: high), upperBound: values.isEmpty ? nil : high,
                            floor: 0, margin: 0, p: kind == .exceeded ? 0 : 1, adjustedP: kind == .exceeded ? 0 : 1,
                            runs: values.count, method: "exact counts: every run against the limit")
    }

    init(kind: Kind, limit: Double, median: Double, excess: Double, interval: Interval?, upperBound: Double?, floor: Double,
         margin: Double, p: Double, adjustedP: Double, runs: Int, method: String) {
        self.kind = kind
        self.limit = limit
        self.median = median
        self.excess = excess
        self.interval = interval
        self.upperBound = upperBound
        self.floor = floor
        self.margin = margin
        self.p = p
        self.adjustedP = adjustedP
        self.runs = runs
        self.method = method
    }
}
