import MemoryProbe

/// The first scenario's sweep in `bench all`: load-all grows with the rows, batched and cursor
/// stay flat.
extension LoadAllVsBatched: SweepsInSuite {
    public var suiteSweepSizes: [Int] { [10_000, 30_000, 100_000] }
    public var quickSweepSizes: [Int] { [5_000, 20_000] }
}
