/// A confidence interval. Its own type (not ClosedRange) so it encodes as {lower, upper}.
public struct Interval: Codable, Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = min(lower, upper)
        self.upper = max(lower, upper)
    }

    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
    /// Every value of the interval lies strictly inside ±bound.
    public func isInside(plusOrMinus bound: Double) -> Bool { lower > -bound && upper < bound }
    /// The interval lies entirely above `bound` or entirely below `-bound`.
    public func excludes(plusOrMinus bound: Double) -> Bool { lower > bound || upper < -bound }
    public var halfWidth: Double { (upper - lower) / 2 }
}
