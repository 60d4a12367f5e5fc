/// How much one workload (scenario + variant + size + metric) varies from run to run, pooled
/// over cells that should share that variation: every configuration of the workload, and
/// usually every size of the same scenario + variant + metric too.
///
/// Why pooled variances: three runs give a variance with 2 degrees of freedom, useless alone;
/// seven configurations × 3 runs give 14, and sizes add more. Pooling *variances* (not ranges)
/// lets a bimodal cell (runs on either of two modes) raise the estimate for its whole workload
/// instead of being averaged away, and a cell whose three runs all landed on one mode cannot
/// pretend the workload is quiet.
public struct WorkloadNoise: Codable, Sendable, Equatable {
    /// Pooled within-cell variance, bytes².
    public var variance: Double
    /// Σ (nᵢ − 1) over the pooled cells; 0 means nothing is known about the variation.
    public var degreesOfFreedom: Int

    public init(variance: Double, degreesOfFreedom: Int) {
        self.variance = max(0, variance)
        self.degreesOfFreedom = max(0, degreesOfFreedom)
    }

    /// Nothing measured: comparisons then rest on their own cells' runs alone.
    public static let unknown = WorkloadNoise(variance: 0, degreesOfFreedom: 0)

    /// The pooled variance Σ (nᵢ − 1) sᵢ² / Σ (nᵢ − 1) of cells of runs; cells with fewer
    /// than two runs carry no information about spread and are skipped.
    public init(pooling cells: [[Double]]) {
        var squares = 0.0
        var df = 0
        for cell in cells where cell.count >= 2 {
            guard let variance = Sample.variance(cell) else { continue }
            squares += variance * Double(cell.count - 1)
            df += cell.count - 1
        }
        self.init(variance: df > 0 ? squares / Double(df) : 0, degreesOfFreedom: df)
    }

    public var standardDeviation: Double { variance.squareRoot() }

    /// The noisier of two estimates, with its own degrees of freedom. Used to let a broader
    /// scope (all sizes of a variant) raise, never lower, a narrow one (one size).
    public func atLeast(_ other: WorkloadNoise) -> WorkloadNoise {
        if degreesOfFreedom == 0 { return other }
        if other.degreesOfFreedom == 0 { return self }
        return other.variance > variance ? other : self
    }
}
