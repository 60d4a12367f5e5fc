#if canImport(Glibc)
import Glibc
#endif
import MemoryProbe
import Statistics
import Synchronization

/// One job of the pool, as the published script has it: `Array.new(1024) { 'a' * 1024 }`, every
/// 25th job 150 times as many, kept for the job's life and then dropped; here every byte is
/// written, the strings are read back into a hash, and in `pinned` small objects outlive the job.
extension ThreadPoolBloat {
    /// The workload's knobs, read from `--param`, and the variant's hand-off.
    struct Shape: Sendable {
        var threads: Int
        var strings: Int
        var stringBytes: Int
        var bigEvery: Int
        var bigFactor: Int
        var inFlight: Int
        var settleSeconds: Double
        var order: Order

        /// Which thread runs which job. Both give each thread one job per round of T jobs.
        enum Order: String {
            /// Each round in a seeded shuffled order, so big jobs fall on every thread, as they
            /// do behind Ruby's GVL, where whichever thread holds the lock takes the next job.
            case shuffled
            /// Job i on thread i mod T: with 30 threads and every 25th job big, the big jobs all
            /// fall on 6 threads (gcd 5), so only 6 arenas grow.
            case roundRobin = "round-robin"
        }

        init(variant: String, context: RunContext) throws {
            func int(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
                let value = try context.intParameter(key, default: fallback)
                guard range.contains(value) else {
                    throw ScenarioCheckFailed("\(key) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
                }
                return value
            }
            threads = try int("threads", ThreadPoolBloat.defaultThreads, 1...256)
            strings = try int("strings", ThreadPoolBloat.defaultStrings, 1...1_000_000)
            // 16 bytes and more: shorter strings live inside the String value, unallocated.
            stringBytes = try int("string-bytes", ThreadPoolBloat.defaultStringBytes, 16...65_536)
            bigEvery = try int("big-every", ThreadPoolBloat.defaultBigEvery, 1...1_000_000)
            bigFactor = try int("big-factor", ThreadPoolBloat.defaultBigFactor, 1...1_000)
            settleSeconds = try context.doubleParameter("settle", default: ThreadPoolBloat.defaultSettleSeconds)
            guard settleSeconds >= 0 && settleSeconds <= 600 else {
                throw ScenarioCheckFailed("settle must be between 0 and 600 seconds, not \(settleSeconds)")
            }
            let orderName = context.parameters["order"] ?? Order.shuffled.rawValue
            guard let order = Order(rawValue: orderName) else {
                throw ScenarioCheckFailed("order must be shuffled or round-robin, not \(orderName)")
            }
            self.order = order
            switch variant {
            case "one-at-a-time", "pinned": inFlight = 1
            case "all-at-once": inFlight = threads
            default: throw ScenarioCheckFailed("unknown variant \(variant)")
            }
        }

        /// The thread of each of `jobs` jobs, the same in every run and configuration.
        func owners(jobs: Int) -> [Int] {
            var owners: [Int] = []
            owners.reserveCapacity(jobs)
            var round = Array(0..<threads)
            var random = SeededGenerator(seed: 0x5EED_B10A7)
            while owners.count < jobs {
                if order == .shuffled { round.shuffle(using: &random) }
                owners += round.prefix(jobs - owners.count)
            }
            return owners
        }

        /// The published loop posts jobs 1...N and makes job n big when n % 25 == 0.
        func isBig(_ job: Int) -> Bool { (job + 1) % bigEvery == 0 }

        /// Builds job `job`'s strings, every byte written, keeps them until the job ends and
        /// returns their hash (the same whatever thread, configuration or variant ran it).
        func build(job: Int, pins: PinStore?) -> UInt64 {
            let count = isBig(job) ? strings * bigFactor : strings
            let fill = UInt8(97 + job % 26)
            let bytes = stringBytes
            var random = SeededGenerator(seed: UInt64(job) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
            var hash = UInt64(job) &* 0x100_0000_01B3
            var kept: [String] = []
            kept.reserveCapacity(count)
            for index in 0..<count {
                // memset, not initialize(repeating:): a debug build (the tests') loops per byte.
                let text = String(unsafeUninitializedCapacity: bytes) { buffer in
                    guard let base = buffer.baseAddress else { return 0 }
                    memset(base, Int32(fill), bytes)
                    base[0] = UInt8(0x30 + index % 64)
                    return bytes
                }
                let utf8 = text.utf8
                hash = hash &* 0x100_0000_01B3 &+ UInt64(utf8.first ?? 0) &+ UInt64(utf8.last ?? 0) &+ UInt64(utf8.count)
                kept.append(text)
                if let pins, index % ThreadPoolBloat.pinEvery == 0 {
                    pins.replace(slot: Int(random.next() % UInt64(ThreadPoolBloat.pinSlots)),
                                 with: [UInt8](repeating: fill, count: ThreadPoolBloat.pinBytes))
                }
            }
            blackHole(kept)
            return hash
        }
    }

    /// The small long-lived objects of `pinned`: each insertion replaces a random slot, and the
    /// object it pushes out is freed by the inserting thread, whichever thread allocated it.
    final class PinStore: Sendable {
        private let slots = Mutex<[[UInt8]?]>(Array(repeating: nil, count: ThreadPoolBloat.pinSlots))

        func replace(slot: Int, with pin: [UInt8]) {
            let old = slots.withLock { slots in
                let old = slots[slot]
                slots[slot] = pin
                return old
            }
            blackHole(old)  // freed here, outside the lock
        }

        /// Empties the store; the number of objects it held.
        func removeAll() -> Int {
            let old = slots.withLock { slots in
                let old = slots
                slots = []
                return old
            }
            return old.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        }
    }

    /// The jobs' hashes summed (so the order the threads finish in does not matter) and counted.
    final class JobChecksum: Sendable {
        private let sum = Atomic<UInt64>(0)
        private let count = Atomic<Int>(0)

        func add(_ hash: UInt64) {
            sum.wrappingAdd(hash, ordering: .relaxed)
            count.add(1, ordering: .relaxed)
        }

        var value: UInt64 { sum.load(ordering: .relaxed) }
        var jobs: Int { count.load(ordering: .relaxed) }
    }
}
