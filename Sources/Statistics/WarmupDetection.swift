/// Where a series' warm-up ends, by the marginal standard error rule (MSER, White 1997) taken
/// about a straight line: the truncation d that minimises Σ_{i ≥ d} rᵢ² / (n − d)², where rᵢ are
/// the residuals of the least-squares line through what is kept. Cutting more removes the
/// transient's bias until the shorter remainder costs more precision than the bias it removes.
///
/// Why MSER: in a comparison of 42 warm-up rules on series with known transients (Hoad, Robinson
/// & Davies 2010) it was the one recommended: accurate on every transient shape tried, no
/// parameter to tune. MSER-5 (Spratt 1998) runs it on means of 5 observations; here the points
/// are already means (of the samples in one time bin, `RunSteadyState`). Why about a line and not
/// the mean: a service's steady state may be a creep, a constant slope, as steady as a plateau.
/// About the mean, every cut of a linear creep shortens its spread, so MSER cuts and cuts and
/// ends past the middle; about a line, a creep is kept whole, a plateau is the same as before
/// (a flat line), and what still bends (a warm-up, a decay) is cut.
///
/// Two conventions of the simulation-output literature (as in openkim/kim-convergence's
/// `mser_m`): the last points are not candidates (a line through a handful of close values at
/// the very end leaves almost nothing), and a minimum in the second half means the series is too
/// short to show its steady state (`found` false): it was still bending at the end. Here the last
/// fifth is left out: simulated on 100 bins of white noise (100 series each), a ramp to a fifth
/// of the window, a step at a third, an exponential approach, a creep and noise alone were then
/// found every time (with the last 5 % left out, 1–4 in 100 were not); an exponential approach
/// with a time constant longer than the window, never.
public enum WarmupDetection {
    public struct Truncation: Sendable, Equatable {
        /// The first index of the steady part (the points before it are the warm-up).
        public var index: Int
        /// False when the minimum lies past the middle of the series: no steady state within it.
        public var found: Bool
    }

    /// nil below 5 points or without as many times as values. `ignoringLast`: points at the end
    /// that are never a truncation (default n / 5, at least 1, leaving at least 3).
    public static func mser(times: [Double], values: [Double], ignoringLast: Int? = nil) -> Truncation? {
        let n = values.count
        guard n >= 5, times.count == n else { return nil }
        let ignored = min(n - 3, max(1, ignoringLast ?? n / 5))
        var best = 0, bestStatistic = Double.infinity
        for start in 0..<(n - ignored) {
            let statistic = residualSquares(times[start...], values[start...]) / Double((n - start) * (n - start))
            // The first minimum: a series that is steady throughout keeps all of itself.
            if statistic < bestStatistic {
                best = start
                bestStatistic = statistic
            }
        }
        return Truncation(index: best, found: best <= n / 2)
    }

    /// Σ r² about the least-squares line, from residuals (bytes are ~10⁸: a sum of squares minus
    /// a squared sum would lose the kibibytes that decide).
    static func residualSquares(_ x: ArraySlice<Double>, _ y: ArraySlice<Double>) -> Double {
        let count = Double(x.count)
        let meanX = x.reduce(0, +) / count, meanY = y.reduce(0, +) / count
        var sxx = 0.0, sxy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        return zip(x, y).reduce(0) { sum, point in
            let residual = (point.1 - meanY) - slope * (point.0 - meanX)
            return sum + residual * residual
        }
    }
}
