#if canImport(Glibc)
import Glibc
#endif
import Statistics

/// Keys drawn from a seeded, Zipf-like distribution over `0..<keySpace`: key k comes up with
/// probability close to 1/((k+1)·ln(keySpace+1)) (a log-uniform draw, Zipf with s = 1), so a
/// few keys are hot and most are seen once. No table: one uniform draw and one `exp` per key.
public struct ZipfKeys {
    public let keySpace: Int
    var random: SeededGenerator
    let logSpan: Double

    public init(keySpace: Int, seed: UInt64) {
        precondition(keySpace > 0)
        self.keySpace = keySpace
        random = SeededGenerator(seed: seed)
        logSpan = log(Double(keySpace) + 1)
    }

    public mutating func next() -> Int {
        let u = Double(random.next() >> 11) / Double(1 << 53)
        let key = Int(exp(u * logSpan)) - 1
        return min(max(key, 0), keySpace - 1)
    }
}
