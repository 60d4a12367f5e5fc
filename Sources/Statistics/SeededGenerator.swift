/// SplitMix64: a tiny, fast, seedable generator (the stdlib's is not seedable), so that the A/A
/// resampling gives the same answer on every machine and every run, and every run and variant of
/// a built-in scenario sees the same data. One generator for both: Statistics imports nothing
/// but the C math library, so the scenarios (and the worker that runs them) gain no Foundation
/// and no GRDB by depending on it, and MemoryProbe stays untouched.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
