/// Student's t distribution: what a difference of means divided by its estimated standard
/// error looks like when there is no effect. Written here (regularized incomplete beta by
/// Lentz's continued fraction) so the module needs no numerics dependency.
public enum StudentT {
    /// P(T ≤ t) for `degreesOfFreedom` > 0.
    public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        precondition(df > 0, "Student t needs positive degrees of freedom")
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * IncompleteBeta.regularized(x: df / (df + t * t), a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// P(|T| ≥ |t|): the two-sided p-value of a t statistic.
    public static func twoSidedP(_ t: Double, degreesOfFreedom df: Double) -> Double {
        if t.isNaN { return 1 }
        if t.isInfinite { return 0 }
        return min(1, IncompleteBeta.regularized(x: df / (df + t * t), a: df / 2, b: 0.5))
    }

    /// The t with P(|T| ≥ t) = `twoSidedP`: the multiplier of a standard error for a
    /// (1 − p) confidence interval. Bisection is plenty fast for the few calls a report makes.
    public static func criticalValue(twoSidedP p: Double, degreesOfFreedom df: Double) -> Double {
        guard p > 0 else { return .infinity }
        guard p < 1 else { return 0 }
        var low = 0.0, high = 1.0
        while twoSidedP(high, degreesOfFreedom: df) > p && high < 1e12 { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if twoSidedP(middle, degreesOfFreedom: df) > p { low = middle } else { high = middle }
            if high - low <= 1e-12 * max(1, high) { break }
        }
        return (low + high) / 2
    }
}

/// The regularized incomplete beta function I_x(a, b), the CDF behind Student's t.
enum IncompleteBeta {
    static func regularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = CMath.logGamma(a + b) - CMath.logGamma(a) - CMath.logGamma(b)
            + a * CMath.log(x) + b * CMath.log(1 - x)
        let front = CMath.exp(logFront)
        // The continued fraction converges fast only on this side; use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    /// Lentz's method for the continued fraction of I_x(a, b) (Numerical Recipes, betacf).
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300, epsilon = 1e-15
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }
}
