/// One cell's runs against a limit (a budget: "peak ≤ 8 MiB"), before the multiple-comparison
/// adjustment: the runs' mean over the limit with its standard error, a one-sided t test of "the
/// figure is at most the limit", the practical floor an excess must clear and the margin a met
/// budget must keep.
///
/// Why the same pieces as `DifferenceTest`: a budget is a comparison with a fixed reference, so
/// it is decided on the same pooled workload noise (σ at least the instrument's floor / k, raised
/// by a cell significantly noisier than its workload) and the same practical floor (at least
/// 5 σ, the instrument's floor and 2 % of the limit): a run that lands a few hundred KiB over
/// an 8 MiB budget by chance is not "exceeded".
public struct LimitTest: Codable, Sendable, Equatable {
    public var runs: Int
    public var median: Double
    public var mean: Double
    public var limit: Double
    /// mean − limit (positive: over the limit).
    public var excess: Double
    public var sigma: Double
    public var standardError: Double
    /// Degrees of freedom of σ (the pooled estimate's, else the runs' own); 0 when nothing is known.
    public var degreesOfFreedom: Int
    /// One-sided p of "the figure is at most the limit"; 1 when not judged.
    public var p: Double
    /// The smallest excess worth calling exceeded (grows with σ, as a comparison's floor does).
    public var floor: Double
    /// How far under the limit the figure's upper bound must stay to call the budget met: the
    /// instrument's floor, at least the relative floor's share of the limit (never grows with σ).
    public var margin: Double
    public var method: String

    public static let methodName = "mean against the limit, one-sided t test on the pooled workload variance"

    /// `values` are the cell's run figures; `noise` the workload's pooled variation (every
    /// configuration of the same scenario, variant and metric, as comparisons pool it).
    public init(values: [Double], limit: Double, noise: WorkloadNoise, policy: VerdictPolicy = .default) {
        runs = values.count
        median = Sample.median(values) ?? 0
        mean = Sample.mean(values) ?? 0
        self.limit = limit
        excess = mean - limit
        method = LimitTest.methodName
        let own = WorkloadNoise(pooling: [values])
        let effectiveNoise = noise.degreesOfFreedom > 0 ? noise : own
        degreesOfFreedom = effectiveNoise.degreesOfFreedom
        let ownVariance = DifferenceTest.raisesNoise(values, above: noise, policy: policy) ? Sample.variance(values) ?? 0 : 0
        sigma = max(effectiveNoise.standardDeviation, ownVariance.squareRoot(),
                    policy.instrumentFloorBytes / policy.workloadSigmaMultiplier)
        floor = policy.practicalFloor(workloadSigma: sigma, referenceMedian: limit)
        margin = max(policy.instrumentFloorBytes, policy.relativeFloor * abs(limit))
        guard runs >= 1, degreesOfFreedom >= 1 else {
            standardError = .infinity
            p = 1
            return
        }
        standardError = sigma / Double(runs).squareRoot()
        let t = excess / standardError
        let twoSided = StudentT.twoSidedP(t, degreesOfFreedom: Double(degreesOfFreedom))
        p = t > 0 ? twoSided / 2 : 1 - twoSided / 2
    }

    public var isJudgeable: Bool { runs >= 1 && degreesOfFreedom >= 1 }

    /// mean ± t × standard error.
    func interval(t: Double) -> Interval {
        Interval(lower: mean - t * standardError, upper: mean + t * standardError)
    }
}
