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

/// A scenario whose variants' memory depends on the allocator configuration (threads, arenas, decay): the report draws RSS over time with one line per configuration.
public protocol AllocatorSensitive: Scenario {}
