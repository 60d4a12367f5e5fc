import MemoryProbe

/// A scenario-specific figure for the report, read from the runs' `checks` (hit rate, entries,
/// rows per second, bytes written, output hash): the label, the check it comes from, and how to
/// show it. Figures marked `mustAgree` are outputs that every run reporting them at one size must
/// share (a content hash): the report flags any mismatch.
public struct ScenarioFigure: Sendable, Equatable {
    public enum Format: String, Sendable {
        case count, bytes, perMille, nanoseconds, perSecond, hash
    }

    public var check: String
    public var label: String
    public var format: Format
    public var mustAgree: Bool

    public init(check: String, label: String, format: Format, mustAgree: Bool = false) {
        self.check = check
        self.label = label
        self.format = format
        self.mustAgree = mustAgree
    }
}

/// A scenario whose report shows a figures table beside the memory table.
public protocol ReportsFigures: Scenario {
    var figures: [ScenarioFigure] { get }
    /// One row per variant and allocator configuration (figures that depend on the allocator,
    /// such as the arena count) instead of one row per variant over every configuration.
    var figuresByAllocator: Bool { get }
}

extension ReportsFigures {
    public var figuresByAllocator: Bool { false }
}

/// A scenario that `bench all` also runs at several sizes, under glibc, to fit its growth.
public protocol SweepsInSuite: Scenario {
    /// Sizes for the suite's sweep section (the default size is added if missing).
    var suiteSweepSizes: [Int] { get }
    var quickSweepSizes: [Int] { get }
}

/// A scenario with more than one pitfall-and-fix pair: which variant each fix is compared with
/// in the findings (by default every variant is compared with the first).
public protocol PairsVariants: Scenario {
    /// Fix → the pitfall it cures. Variants not listed are not compared (pitfalls themselves,
    /// or the same variant with other settings).
    var pitfalls: [String: String] { get }
}
