/// One comparison before the report's multiple-comparison adjustment: the difference of means
/// (candidate − reference) with its standard error, a t-based p-value and the practical floor.
///
/// Why means and a t test: with 3 runs per side rank methods have no power (an exact
/// Mann–Whitney test of 3 vs 3 can never reach p < 0.1). The t test gets its power from the
/// pooled workload variance and its degrees of freedom, not from the 3 + 3 runs alone.
public struct DifferenceTest: Codable, Sendable, Equatable {
    public var referenceRuns: Int
    public var candidateRuns: Int
    public var referenceMedian: Double
    public var candidateMedian: Double
    /// mean(candidate) − mean(reference), bytes.
    public var effect: Double
    /// σ used for this comparison: max(workload σ, a significantly noisier side's own σ, instrument floor / k).
    public var sigma: Double
    public var standardError: Double
    /// Degrees of freedom of σ (the pooled estimate's); 0 when nothing is known.
    public var degreesOfFreedom: Int
    /// Two-sided p-value of "no difference"; 1 when not judged.
    public var p: Double
    /// The smallest difference worth a verdict, bytes (grows with σ: the bar for "beyond noise").
    public var floor: Double
    /// The equivalence margin, bytes (never grows with σ: the bar for "within noise").
    public var margin: Double
    public var method: String

    public static let methodName = "difference of means, t test on the pooled workload variance"

    /// `reference` and `candidate` are the two cells' run values; `noise` the workload's pooled
    /// variation, which should include both cells.
    public init(reference: [Double], candidate: [Double], noise: WorkloadNoise, policy: VerdictPolicy = .default) {
        referenceRuns = reference.count
        candidateRuns = candidate.count
        referenceMedian = Sample.median(reference) ?? 0
        candidateMedian = Sample.median(candidate) ?? 0
        effect = (Sample.mean(candidate) ?? 0) - (Sample.mean(reference) ?? 0)
        method = DifferenceTest.methodName

        // Without a pooled estimate, the two cells pool their own variances (classic t test).
        let pair = WorkloadNoise(pooling: [reference, candidate])
        let effectiveNoise = noise.degreesOfFreedom > 0 ? noise : pair
        // A side with a single run and no pooled estimate: its value could be anywhere.
        let lonelySide = min(reference.count, candidate.count) < 2 && noise.degreesOfFreedom == 0
        // The degrees of freedom stay those of the larger pool (σ only grows): two noisy cells
        // must not cut a workload's 16 degrees of freedom down to 4.
        degreesOfFreedom = lonelySide ? 0 : max(noise.degreesOfFreedom, pair.degreesOfFreedom)
        // A side's own σ raises the pooled one when that cell is noisier than its workload, so a
        // noisy cell can't hide in a quiet workload. With a pooled estimate to test against, only
        // when it is *significantly* noisier (F test): three runs of a bimodal cell that happen to
        // land on both modes show up to twice the workload's σ by chance, and taking that at face
        // value sank jemalloc's 5× after-release effect in `threaded` in 3 of 24 suites. The
        // pooled estimate's degrees of freedom are kept: σ only grows.
        let ownVariance = [reference, candidate]
            .filter { DifferenceTest.raisesNoise($0, above: noise, policy: policy) }
            .compactMap { Sample.variance($0) }.max() ?? 0
        // The instrument bounds σ at floor / k, so that runs identical to the byte still have
        // a floor (the instrument's) wider than their interval: they come out within noise.
        sigma = max(effectiveNoise.standardDeviation, ownVariance.squareRoot(),
                    policy.instrumentFloorBytes / policy.workloadSigmaMultiplier)
        // The floor follows the σ this comparison uses: one cell noisier than its workload
        // raises its own bar.
        floor = policy.practicalFloor(workloadSigma: sigma, referenceMedian: referenceMedian)
        margin = policy.equivalenceMargin(referenceMedian: referenceMedian)

        guard referenceRuns >= 1, candidateRuns >= 1, degreesOfFreedom >= 1 else {
            standardError = .infinity
            p = 1
            return
        }
        standardError = sigma * (1 / Double(referenceRuns) + 1 / Double(candidateRuns)).squareRoot()
        p = StudentT.twoSidedP(effect / standardError, degreesOfFreedom: Double(degreesOfFreedom))
    }

    /// Whether one side's runs vary enough to raise σ above the pooled estimate: always when
    /// there is no workload pool (the pair is all there is), otherwise when an F test says the
    /// cell's variance exceeds the workload pool's at `policy.noisyCellLevel`.
    static func raisesNoise(_ runs: [Double], above pool: WorkloadNoise, policy: VerdictPolicy) -> Bool {
        guard runs.count >= 2, let variance = Sample.variance(runs), variance > 0 else { return false }
        guard pool.degreesOfFreedom > 0, pool.variance > 0 else { return true }
        let p = FDistribution.upperTail(variance / pool.variance, numerator: Double(runs.count - 1),
                                        denominator: Double(pool.degreesOfFreedom))
        return p < policy.noisyCellLevel
    }

    /// Whether there is anything to judge: runs on both sides and some estimate of the noise.
    public var isJudgeable: Bool { referenceRuns >= 1 && candidateRuns >= 1 && degreesOfFreedom >= 1 }

    /// The (1 − `twoSidedP`) confidence interval of the effect.
    /// nil when not judgeable (the interval would be unbounded).
    public func interval(twoSidedP: Double) -> Interval? {
        guard isJudgeable else { return nil }
        return interval(t: StudentT.criticalValue(twoSidedP: twoSidedP, degreesOfFreedom: Double(degreesOfFreedom)))
    }

    /// effect ± t × standard error.
    func interval(t: Double) -> Interval {
        Interval(lower: effect - t * standardError, upper: effect + t * standardError)
    }
}
