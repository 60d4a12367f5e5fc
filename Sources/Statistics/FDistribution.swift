/// Snedecor's F distribution: the ratio of two independent variance estimates when both
/// measure the same variance. Used to ask whether one cell's runs vary more than its workload's.
public enum FDistribution {
    /// P(F ≥ f) with `numerator` and `denominator` degrees of freedom (both > 0).
    public static func upperTail(_ f: Double, numerator d1: Double, denominator d2: Double) -> Double {
        precondition(d1 > 0 && d2 > 0, "the F distribution needs positive degrees of freedom")
        if f.isNaN { return 1 }
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        // P(F ≤ f) = I_x(d1/2, d2/2) with x = d1 f / (d1 f + d2).
        return 1 - IncompleteBeta.regularized(x: d1 * f / (d1 * f + d2), a: d1 / 2, b: d2 / 2)
    }
}
