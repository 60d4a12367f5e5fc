/// One cell's runs summarised (count, mean, median, MAD, standard deviation, min, max). Every
/// function accepts an empty array and answers nil rather than trapping: a cell may have no good run.
public struct Sample: Codable, Sendable, Equatable {
    public var count: Int
    public var mean: Double
    public var median: Double
    /// Median absolute deviation from the median (unscaled).
    public var medianAbsoluteDeviation: Double
    /// Sample standard deviation (n − 1); 0 for a single value.
    public var standardDeviation: Double
    public var minimum: Double
    public var maximum: Double

    public init?(_ values: [Double]) {
        guard let mean = Sample.mean(values), let median = Sample.median(values),
              let minimum = values.min(), let maximum = values.max()
        else { return nil }
        count = values.count
        self.mean = mean
        self.median = median
        medianAbsoluteDeviation = Sample.median(values.map { abs($0 - median) }) ?? 0
        standardDeviation = (Sample.variance(values) ?? 0).squareRoot()
        self.minimum = minimum
        self.maximum = maximum
    }

    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Sample variance with n − 1 in the denominator; nil below two values (no spread is known).
    public static func variance(_ values: [Double]) -> Double? {
        guard values.count >= 2, let mean = mean(values) else { return nil }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return squares / Double(values.count - 1)
    }
}
