/// How a metric grows over a size sweep, decided by the slope's confidence interval rather than
/// by the scatter of the points: "grows" only when the slope is surely positive *and* the
/// growth it implies over the sizes measured exceeds the floor; "flat" only when even the
/// interval's extreme, over the whole range, stays under the margin (an equivalence margin that
/// does not grow with the noise: see `VerdictPolicy.equivalenceMargin`), and the floor itself is
/// inside the margin (a trend the size of the margin would have been seen).
public struct GrowthTrend: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case grows
        /// The slope is surely negative and the fall over the range exceeds the floor.
        case shrinks
        case flat
        case noClearTrend
    }

    /// Units of y per unit of x (bytes per row).
    public var slope: Double
    public var intercept: Double
    /// The slope's (1 − α) interval, t-based with n − 2 degrees of freedom; nil with n < 3.
    public var slopeInterval: Interval?
    /// Coefficient of determination; nil when every y is equal.
    public var rSquared: Double?
    public var points: Int
    /// max(x) − min(x).
    public var range: Double
    public var floor: Double
    /// The equivalence margin "flat" is judged against (the floor when none was given).
    public var margin: Double
    public var kind: Kind

    /// nil with fewer than two distinct x values (no slope exists). `extraParameters`: parameters
    /// fitted before (a mean per group when groups were centred), each costing a degree of freedom.
    public init?(x: [Double], y: [Double], floor: Double, margin: Double? = nil, alpha: Double = 0.05, extraParameters: Int = 0) {
        guard x.count == y.count, Set(x).count >= 2,
              let meanX = Sample.mean(x), let meanY = Sample.mean(y),
              let minX = x.min(), let maxX = x.max()
        else { return nil }
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
            syy += (yi - meanY) * (yi - meanY)
        }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        rSquared = syy > 0 ? max(0, min(1, sxy * sxy / (sxx * syy))) : nil
        points = x.count
        range = maxX - minX
        self.floor = floor
        self.margin = margin ?? floor

        let df = x.count - 2 - max(0, extraParameters)
        if df >= 1 {
            // Residual variance with n − 2 df; the slope's standard error is √(s² / Sxx).
            let residualSquares = max(0, syy - slope * sxy)
            let standardError = (residualSquares / Double(df) / sxx).squareRoot()
            let t = StudentT.criticalValue(twoSidedP: alpha, degreesOfFreedom: Double(df))
            slopeInterval = Interval(lower: slope - t * standardError, upper: slope + t * standardError)
        } else {
            slopeInterval = nil
        }

        guard let interval = slopeInterval else {
            kind = .noClearTrend
            return
        }
        let fittedGrowth = slope * range
        if interval.lower > 0 && fittedGrowth > floor {
            kind = .grows
        } else if interval.upper < 0 && -fittedGrowth > floor {
            kind = .shrinks
        } else if max(abs(interval.lower), abs(interval.upper)) * range < self.margin, floor <= self.margin {
            kind = .flat
        } else {
            kind = .noClearTrend
        }
    }

    /// The growth the fitted line predicts from the smallest to the largest x.
    public var fittedGrowth: Double { slope * range }
}
