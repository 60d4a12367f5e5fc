/// Where a series' warm-up ends, by the marginal standard error rule (MSER, White 1997): the
/// truncation d that minimises Σ_{i ≥ d} (xᵢ − x̄_d)² / (n − d)², the squared half-width of the
/// marginal interval of the mean of what is kept. Cutting more removes the transient's bias until
/// the shorter remainder costs more precision than the bias it removes. MSER-5 (Spratt 1998) is
/// the same rule on means of 5 observations; here the points are already means (of the samples in
/// one time bin, `SteadyState`), so the rule runs on them directly. Why MSER: in a comparison of
/// 42 warm-up rules on series with known transients (Hoad, Robinson & Davies 2010) it was the one
/// recommended: accurate on every transient shape tried, no parameter to tune, one pass.
///
/// Two conventions of the simulation-output literature (as in openkim/kim-convergence's
/// `mser_m`): the last few points are not candidates (the statistic falls towards zero on a
/// handful of close values at the very end), and a minimum in the second half means the series
/// is too short to show its steady state (`found` false): it was still moving, as a creep does.
/// On a flat remainder the minimum wanders with the noise, so MSER cuts at the knee or a little
/// after, and now and then past the middle (simulated, 100 bins of white noise: 4 of 300 series
/// with a step at a third of the window, 1 of 300 with a ramp to a fifth of it): a cell's warm-up
/// is the median of its runs'.
public enum WarmupDetection {
    public struct Truncation: Sendable, Equatable {
        /// The first index of the steady part (the points before it are the warm-up).
        public var index: Int
        /// False when the minimum lies past the middle of the series: no steady state within it.
        public var found: Bool
    }

    /// nil below 4 points. `ignoringLast`: points at the end that are never a truncation
    /// (default min(5, n / 4), at least 1).
    public static func mser(_ values: [Double], ignoringLast: Int? = nil) -> Truncation? {
        let n = values.count
        guard n >= 4 else { return nil }
        let ignored = min(n - 1, max(1, ignoringLast ?? min(5, n / 4)))
        // The statistic of every suffix, from the end (Welford's update: bytes are ~10⁸, and a
        // sum of squares minus a squared sum would lose the kibibytes that decide).
        var statistic = [Double](repeating: .infinity, count: n)
        var mean = 0.0, squares = 0.0
        for index in stride(from: n - 1, through: 0, by: -1) {
            let count = Double(n - index)
            let delta = values[index] - mean
            mean += delta / count
            squares += delta * (values[index] - mean)
            statistic[index] = squares / (count * count)
        }
        // The first minimum: a flat series keeps all of itself.
        var best = 0
        for index in 1..<(n - ignored) where statistic[index] < statistic[best] { best = index }
        return Truncation(index: best, found: best <= n / 2)
    }
}
