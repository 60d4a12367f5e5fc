/// Median, range and spread of one metric over a cell's runs.
public struct Summary: Codable, Sendable, Equatable {
    public var median: Double
    public var min: Double
    public var max: Double
    public var count: Int

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
        count = sorted.count
    }

    /// Half the range, relative to the median, in percent ("±3 %"); nil for a single run, whose
    /// spread is unknown, or a zero median.
    public var spreadPercent: Double? {
        guard count > 1, median != 0 else { return nil }
        return (max - min) / 2 / abs(median) * 100
    }

    /// Whether two cells differ beyond their runs' noise: their ranges do not overlap and the
    /// gap exceeds `floor` (the instrument's own resolution). With one run on either side the
    /// spread is unknown, so nothing is called beyond noise.
    public func differsBeyondNoise(from other: Summary, floor: Double) -> Bool {
        guard count > 1, other.count > 1 else { return false }
        let gap = Swift.max(min - other.max, other.min - max)
        return gap > 0 && abs(median - other.median) > floor
    }
}
