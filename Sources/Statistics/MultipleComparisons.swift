/// Adjusting the p-values of every comparison a report makes, so that the chance of any false
/// finding (Holm) or the expected share of false findings (Benjamini–Hochberg) stays at α.
/// Both keep the input order: result[i] belongs to pValues[i].
public enum MultipleComparisons {
    public enum Method: String, Codable, Sendable {
        /// Holm's step-down: controls the family-wise error rate; the issue's target is "no
        /// false finding in 19 suites of 20", which is exactly that.
        case holm
        /// Benjamini–Hochberg step-up: controls the false discovery rate; more power, weaker claim.
        case benjaminiHochberg
        /// No adjustment (for a single comparison, or for tests of this module).
        case none
    }

    public static func adjust(_ pValues: [Double], method: Method) -> [Double] {
        switch method {
        case .holm: return holm(pValues)
        case .benjaminiHochberg: return benjaminiHochberg(pValues)
        case .none: return pValues.map { min(1, max(0, $0)) }
        }
    }

    /// Holm-adjusted p-values: the i-th smallest p times (m − i), made monotone and capped at 1.
    public static func holm(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }

    /// Benjamini–Hochberg-adjusted p-values: the i-th smallest p times m / i, made monotone from
    /// the largest down and capped at 1.
    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 1.0
        for (rank, index) in order.enumerated().reversed() {
            running = min(running, Double(m) / Double(rank + 1) * pValues[index])
            adjusted[index] = min(1, running)
        }
        return adjusted
    }

    /// Which hypotheses are rejected at `alpha`, in input order.
    public static func rejections(_ pValues: [Double], method: Method, alpha: Double) -> [Bool] {
        adjust(pValues, method: method).map { $0 < alpha }
    }
}
