import MemoryProbe
import Statistics

/// Seed 000: `CACHE[key] ||= expensive_computation(key)`, a memo that never evicts, against a
/// bounded LRU. Keys come from a seeded Zipf-like distribution over a million keys, so a few
/// are hot and most are seen once: the unbounded cache keeps every one of them.
public struct Caches: Scenario, ReportsFigures, SweepsInSuite {
    public let name = "caches"
    public static let keySpace = 1_000_000
    public static let valueBytes = 1_024
    public static let capacities = ["lru": 10_000, "lru-small": 1_000]
    public let summary = "Memoise an expensive function with 1 KiB values, keys drawn Zipf-like (s = 1, seeded) from 1,000,000 keys: a dictionary that never evicts against an LRU of 10,000 or 1,000 entries"
    public let sizeUnit = "lookups"
    public let defaultSize = 100_000
    public let quickSize = 10_000
    public let reportedPhases = ["lookups", "release", "trim"]
    public let livePhase = "lookups"
    public let suiteSweepSizes = [10_000, 30_000, 100_000]
    public let quickSweepSizes = [3_000, 10_000]

    public let variants = [
        ScenarioVariant(name: "unbounded", summary: "a Dictionary memo that never evicts (CACHE[key] ||= …)",
                        phases: ["lookups", "release", "trim"]),
        ScenarioVariant(name: "lru", summary: "a bounded LRU cache of 10,000 entries (O(1) get and put)",
                        phases: ["lookups", "release", "trim"]),
        ScenarioVariant(name: "lru-small", summary: "the same LRU with 1,000 entries",
                        phases: ["lookups", "release", "trim"]),
    ]

    public let figures = [
        ScenarioFigure(check: "entries", label: "Entries held", format: .count),
        ScenarioFigure(check: "hitRatePerMille", label: "Hit rate", format: .perMille),
        ScenarioFigure(check: "lookupNanos", label: "Time per lookup", format: .nanoseconds),
        ScenarioFigure(check: "valueChecksum", label: "Checksum of values returned", format: .hash, mustAgree: true),
    ]

    /// Either bound cures the memo that never evicts.
    public let comparisons = [
        VariantComparison(pitfall: "unbounded", fix: "lru"),
        VariantComparison(pitfall: "unbounded", fix: "lru-small"),
    ]

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    /// The memoised function: 1 KiB derived from the key by several mixing passes (about a
    /// microsecond), the same bytes for the same key in every run.
    static func expensive(_ key: Int) -> [UInt8] {
        var random = SeededGenerator(seed: UInt64(key) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        var words = [UInt64](repeating: 0, count: valueBytes / 8)
        for pass in 0..<4 {
            for index in words.indices { words[index] = words[index] &* 31 &+ random.next() &+ UInt64(pass) }
        }
        return words.withUnsafeBytes { Array($0) }
    }

    final class Held {
        var unbounded: [Int: [UInt8]]?
        var lru: LRUCache<Int, [UInt8]>?
    }

    public func run(variant: String, context: RunContext) throws {
        let held = Held()
        let lookups = context.size
        var hits = 0
        var checksum = 0
        var entries = 0
        var seconds = 0.0
        switch variant {
        case "unbounded":
            try context.phase("lookups") {
                var keys = ZipfKeys(keySpace: Self.keySpace, seed: 42)
                var cache: [Int: [UInt8]] = [:]
                let start = monotonicSeconds()
                for _ in 0..<lookups {
                    let key = keys.next()
                    let value: [UInt8]
                    if let cached = cache[key] {
                        hits += 1
                        value = cached
                    } else {
                        value = Self.expensive(key)
                        cache[key] = value
                    }
                    checksum &+= Int(value[key % Self.valueBytes])
                }
                seconds = monotonicSeconds() - start
                entries = cache.count
                held.unbounded = cache
            }
        case "lru", "lru-small":
            let capacity = Self.capacities[variant] ?? 1
            try context.phase("lookups") {
                var keys = ZipfKeys(keySpace: Self.keySpace, seed: 42)
                var cache = LRUCache<Int, [UInt8]>(capacity: capacity)
                let start = monotonicSeconds()
                for _ in 0..<lookups {
                    let key = keys.next()
                    let value: [UInt8]
                    if let cached = cache.get(key) {
                        value = cached
                    } else {
                        value = Self.expensive(key)
                        cache.put(key, value)
                    }
                    checksum &+= Int(value[key % Self.valueBytes])
                }
                seconds = monotonicSeconds() - start
                hits = cache.hits
                entries = cache.count
                guard entries <= capacity else {
                    throw ScenarioCheckFailed("the LRU holds \(entries) entries, over its capacity of \(capacity)")
                }
                held.lru = cache
            }
            // The variants differ in capacity, entries and hits by design: figures, not proof of equal work.
            context.check("capacity", capacity, informational: true)
        default:
            throw ScenarioCheckFailed("unknown variant \(variant)")
        }
        try context.phase("release") {
            held.unbounded = nil
            held.lru = nil
        }
        try context.trimPhase()

        context.check("lookups", lookups)
        context.check("hits", hits, informational: true)
        context.check("entries", entries, informational: true)
        context.check("hitRatePerMille", lookups > 0 ? hits * 1000 / lookups : 0, informational: true)
        context.check("lookupNanos", lookups > 0 ? Int(seconds * 1e9 / Double(lookups)) : 0, informational: true)
        context.check("valueChecksum", checksum)
    }
}
