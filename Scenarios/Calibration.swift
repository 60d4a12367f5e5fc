#if canImport(Glibc)
import Glibc
#endif
import MemoryProbe

// Calibration scenarios: workloads whose true answer is known, so that the figures the
// instrument reports for them measure the instrument itself. Hidden from `bench all`; run by
// `bench doctor --calibrate` (or by name with `bench run`).

/// `null`: phases that do nothing. Their RSS and peak deltas are the instrument's noise floor.
/// `idle` sleeps in one phase, so the process's CPU time in it is the sampler thread's cost.
public struct NullCalibration: Scenario {
    public let name = "null"
    public let summary = "Calibration: phases that do nothing (noise floor) and an idle phase (the sampler's CPU cost)"
    public let sizeUnit = "phases"
    public let defaultSize = 8
    public let quickSize = 4
    public let isHidden = true
    public let reportedPhases = ["empty"]
    public let livePhase = "empty"
    public let parameters = [
        ParameterDeclaration(key: "idle-ms", summary: "milliseconds the idle and tick variants last (default 1,000)"),
    ]
    public let variants = [
        ScenarioVariant(name: "empty", summary: "SIZE phases named `empty` that do nothing, then a check of the kernel's RSS counters",
                        phases: ["empty"]),
        ScenarioVariant(name: "idle", summary: "one phase that sleeps (parameter idle-ms, default 1000); its CPU time is the sampler's",
                        phases: ["idle"]),
        ScenarioVariant(name: "tick", summary: "one phase that wakes every 1 ms and does nothing (run with the sampler off: what a bare 1 ms timer costs here)",
                        phases: ["tick"]),
    ]

    public let comparisons: [VariantComparison] = []

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    public func run(variant: String, context: RunContext) throws {
        switch variant {
        case "empty":
            for _ in 0..<max(1, context.size) { try context.phase("empty") {} }
            try CounterPrecision.measure(into: context)
        case "idle":
            let milliseconds = try context.intParameter("idle-ms", default: 1_000)
            try context.phase("idle") { sleepMilliseconds(milliseconds) }
        case "tick":
            let milliseconds = try context.intParameter("idle-ms", default: 1_000)
            try context.phase("tick") {
                var next = timespec()
                clock_gettime(CLOCK_MONOTONIC, &next)
                for _ in 0..<milliseconds {
                    next.tv_nsec += 1_000_000
                    if next.tv_nsec >= 1_000_000_000 { next.tv_nsec -= 1_000_000_000; next.tv_sec += 1 }
                    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nil)
                }
            }
        default:
            throw ScenarioCheckFailed("null has no variant \(variant)")
        }
    }
}

/// `spike`: inside one phase, allocate and touch SIZE MiB and free it at once. The phase peak
/// (VmHWM reset at the phase start) must show it; a sampler reading every 1–10 ms may not.
/// The `after` phase does nothing: with a working peak reset its peak is back near its start.
public struct SpikeCalibration: Scenario {
    public let name = "spike"
    public let summary = "Calibration: allocate, touch and free SIZE MiB inside one phase; the phase peak must show it"
    public let sizeUnit = "MiB"
    public let defaultSize = 256
    public let quickSize = 128
    public let isHidden = true
    public let reportedPhases = ["spike", "after"]
    public let livePhase = "spike"
    public let variants = [
        ScenarioVariant(name: "spike", summary: "malloc + touch every page + free, the memory held for well under 1 ms once touched",
                        phases: ["spike", "after"]),
    ]

    public let comparisons: [VariantComparison] = []

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    public func run(variant: String, context: RunContext) throws {
        let bytes = context.size << 20
        var times: (start: Double, touched: Double, freeing: Double, freed: Double) = (0, 0, 0, 0)
        var checksum = 0
        try context.phase("spike") {
            times.start = monotonicSeconds()
            guard let block = malloc(bytes) else { throw ScenarioCheckFailed("malloc(\(bytes)) failed") }
            touch(block, bytes: bytes)
            times.touched = monotonicSeconds()
            checksum = probeBytes(block, bytes: bytes)
            times.freeing = monotonicSeconds()
            free(block)
            times.freed = monotonicSeconds()
        }
        try context.phase("after") {}
        context.check("spikeBytes", bytes)
        // Timings and the counters' errors are measurements, not the work.
        context.check("touchMicros", Int((times.touched - times.start) * 1e6), informational: true)
        // From the last page written to the call of free: how long the full spike was held.
        context.check("heldAfterTouchMicros", Int((times.freeing - times.touched) * 1e6), informational: true)
        // How long free (munmap under glibc) took to hand the pages back.
        context.check("freeMicros", Int((times.freed - times.freeing) * 1e6), informational: true)
        context.check("checksum", checksum)
    }
}

/// `known-size`: allocate exactly SIZE MiB of touched memory in `allocate`, free it in
/// `release`. The `allocate` phase's RSS delta must match SIZE.
///
/// A `warm-up` phase first allocates and frees a block of the same size untouched, and `trim`
/// hands it back: the allocator's one-time bookkeeping for a block that size (jemalloc's extent
/// metadata, about 190 KiB for a first 16 MiB block) and the recorder's first-phase costs then
/// fall outside `allocate`, which measures the touched pages alone.
public struct KnownSizeCalibration: Scenario {
    public let name = "known-size"
    public let summary = "Calibration: allocate and touch exactly SIZE MiB in one phase, free it in the next; the delta must match"
    public let sizeUnit = "MiB"
    public let defaultSize = 128
    public let quickSize = 16
    public let isHidden = true
    public let reportedPhases = ["allocate", "release"]
    public let livePhase = "allocate"
    public let variants = [
        ScenarioVariant(name: "touched", summary: "one malloc of SIZE MiB with every page written, freed in `release` (after an untouched warm-up block)",
                        phases: ["warm-up", "trim", "allocate", "release"]),
    ]

    public let comparisons: [VariantComparison] = []

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    public func run(variant: String, context: RunContext) throws {
        let bytes = context.size << 20
        var block: UnsafeMutableRawPointer?
        try context.phase("warm-up") {
            guard let warm = malloc(bytes) else { throw ScenarioCheckFailed("malloc(\(bytes)) failed") }
            blackHole(warm)
            free(warm)
        }
        try context.trimPhase()
        try context.phase("allocate") {
            block = malloc(bytes)
            guard let block else { throw ScenarioCheckFailed("malloc(\(bytes)) failed") }
            touch(block, bytes: bytes)
        }
        guard let held = block else { throw ScenarioCheckFailed("nothing was allocated") }
        context.check("checksum", sumPages(held, bytes: bytes))
        context.check("allocatedBytes", bytes)
        try context.phase("release") { free(held) }
    }
}

/// `cpu-bound`: SIZE million rounds of integer arithmetic and no allocation: the workload whose
/// wall time, with the sampler on and off, shows what the sampler costs a scenario.
public struct CPUBoundCalibration: Scenario {
    public let name = "cpu-bound"
    public let summary = "Calibration: SIZE million rounds of integer hashing, no allocation (the sampler's cost to a workload)"
    public let sizeUnit = "million rounds"
    public let defaultSize = 200
    public let quickSize = 20
    public let isHidden = true
    public let reportedPhases = ["compute"]
    public let livePhase = "compute"
    public let variants = [
        ScenarioVariant(name: "hash", summary: "a xorshift-multiply loop whose result is checked", phases: ["compute"]),
    ]

    public let comparisons: [VariantComparison] = []

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    public func run(variant: String, context: RunContext) throws {
        let rounds = context.size * 1_000_000
        let result = try context.phase("compute") { () -> UInt64 in
            var x: UInt64 = 0x9E37_79B9_7F4A_7C15
            for i in 0..<UInt64(rounds) {
                x ^= x >> 33
                x = x &* 0xFF51_AFD7_ED55_8CCD &+ i
            }
            return x
        }
        context.check("result", Int(truncatingIfNeeded: result))
    }
}

/// Writes every byte (memset), so every page is resident and none can be skipped.
@inline(never)
func touch(_ block: UnsafeMutableRawPointer, bytes: Int) {
    memset(block, 0x5A, bytes)
}

/// Reads the first, middle and last byte: the optimizer cannot drop or shorten the memset,
/// and the block is freed without walking it again.
@inline(never)
func probeBytes(_ block: UnsafeMutableRawPointer, bytes: Int) -> Int {
    let sum = [0, bytes / 2, bytes - 1].reduce(0) { $0 &+ Int(block.load(fromByteOffset: $1, as: UInt8.self)) }
    blackHole(sum)
    return sum
}

/// Reads one byte per page: proves the pages were written and keeps the work observable.
@inline(never)
func sumPages(_ block: UnsafeMutableRawPointer, bytes: Int) -> Int {
    var sum = 0
    var offset = 0
    while offset < bytes {
        sum &+= Int(block.load(fromByteOffset: offset, as: UInt8.self))
        offset += pageSize
    }
    blackHole(sum)
    return sum
}

func sleepMilliseconds(_ milliseconds: Int) {
    var request = timespec(tv_sec: milliseconds / 1_000, tv_nsec: (milliseconds % 1_000) * 1_000_000)
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
}

/// How exact the kernel's RSS figures are here: `VmRSS` (from `/proc/self/status`) against a
/// page-table walk (`smaps_rollup`), and `VmHWM` right after a `clear_refs` reset against
/// `VmRSS`. The kernel keeps RSS in per-CPU counters; a reading that does not sum them can be
/// off by a batch of pages per CPU. Recorded as checks, in KiB.
enum CounterPrecision {
    static func measure(into context: RunContext, rounds: Int = 16) throws {
        guard let status = ProcFile(path: "/proc/self/status"), let rollup = ProcFile(path: "/proc/self/smaps_rollup") else {
            return  // not measurable here; the checks stay absent
        }
        let reset = PeakResetter()
        var worstRssVsWalk = 0
        var worstHwmVsRss = 0
        var held: [UnsafeMutableRawPointer] = []
        defer { held.forEach { free($0) } }
        for round in 0..<rounds {
            // Fault pages in, every other round from a second thread (likely on the other CPU,
            // whose counter share may not be summed yet), then compare.
            let bytes = (round % 4 + 1) * 96 * 1024
            let block = round % 2 == 0 ? touchOnAnotherThread(bytes: bytes) : malloc(bytes).map { touch($0, bytes: bytes); return $0 }
            if let block { held.append(block) }
            reset.reset()
            guard let statusText = status.readText(), let parsed = ProcStatus.parse(statusText),
                  let walked = rollup.readText().flatMap(rollupRssBytes) else { continue }
            worstRssVsWalk = max(worstRssVsWalk, abs(parsed.rssBytes - walked) / 1024)
            worstHwmVsRss = max(worstHwmVsRss, abs(parsed.hwmBytes - parsed.rssBytes) / 1024)
        }
        context.check("statusRssVsPageWalkMaxKiB", worstRssVsWalk, informational: true)
        context.check("hwmAfterResetVsRssMaxKiB", worstHwmVsRss, informational: true)
    }

    final class Box {
        let bytes: Int
        var block: UnsafeMutableRawPointer?
        init(bytes: Int) { self.bytes = bytes }
    }

    /// Allocates and touches `bytes` on a thread of its own, which has ended when this returns.
    static func touchOnAnotherThread(bytes: Int) -> UnsafeMutableRawPointer? {
        let box = Box(bytes: bytes)
        var tid = pthread_t()
        let context = Unmanaged.passRetained(box).toOpaque()
        let created = pthread_create(&tid, nil, { raw in
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            box.block = malloc(box.bytes)
            if let block = box.block { touch(block, bytes: box.bytes) }
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            return nil
        }
        pthread_join(tid, nil)
        return box.block
    }

    /// The `Rss:` line of `smaps_rollup`, in bytes.
    static func rollupRssBytes(_ text: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix("Rss:") {
            let digits = line.dropFirst(4).filter { $0 >= "0" && $0 <= "9" }
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}
