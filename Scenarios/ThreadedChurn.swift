#if canImport(Glibc)
import Glibc
#endif
import MemoryProbe
import Statistics
import Synchronization

/// Seed 001: Puma/Sidekiq threads and glibc's per-thread arenas. T threads process jobs that
/// allocate bursts of mixed-size buffers and strings (1–64 KiB), keep one of each burst alive in a
/// shared long-lived structure, free the rest and pause briefly. The same jobs on one thread are
/// the control. After `release` the worker idles for `settle` seconds, so an allocator that
/// hands memory back on a timer (jemalloc's 10 s dirty decay) shows what it gives back.
public struct ThreadedChurn: Scenario, ReportsFigures, AllocatorSensitive {
    public let name = "threaded-churn"
    public static let defaultThreads = 8
    /// The one place the settle time is set (`bench all` and `bench run` use it; the text below
    /// states it from here).
    public static let defaultSettleSeconds = 0.5
    /// Just past jemalloc's default 10 s dirty decay.
    public static let defaultLongSettleSeconds = 11.0
    /// Seconds the `threaded` variant idles in `bench all`, the same under every configuration,
    /// with RSS checkpoints at 0.5, 1 and 2 s before it. 3 s: 8 configurations × ~3.5 runs × 3 s
    /// ≈ 85 s, against ~44 s before (0.5 s × 7 × 3, plus 11 s × 3 runs of threaded-long-settle
    /// under jemalloc-preload alone), within the 45 s the suite may grow by; 5 s or jemalloc's
    /// full 10 s decay would add 1.5–4 minutes.
    public static let suiteThreadedSettleSeconds = 3.0
    /// Seconds every variant idles in `bench all --quick`.
    public static let quickSettleSeconds = 0.2
    public static let defaultBurst = 256
    public static let idleTickBytes = 4_096
    public let summary = "Threads allocate bursts of 1–64 KiB buffers and strings, keep one per burst of 256 (`--param burst=N`) in a shared structure and free the rest (8 threads by default, `--param threads=N`); then the survivors are released, the threads idle and exit (the end of `settle`), and the allocator is trimmed. The idle time is `--param settle=S` seconds (default \(Self.seconds(Self.defaultSettleSeconds))), in the threaded variant `--param threaded-settle=S` (default: settle; \(Self.seconds(Self.defaultLongSettleSeconds)) in threaded-long-settle); the threaded variants read RSS at checkpoints through it, one phase each (`settle-0.5s`, `settle-1s`, `settle-2s`, `settle-5s` before the settle time; `--param settle-checkpoints=0.5,2` or `none`), so every configuration is compared after the same idle times. Idle means each thread allocates and frees one 4 KiB block a millisecond, like a server between requests: measured here, jemalloc (background thread off) gave nothing back while its threads idled, only when they exited"
    public let sizeUnit = "jobs"
    public let defaultSize = 240
    public let quickSize = 60
    public let reportedPhases = ["churn", "release", "settle", "trim"]
    public let livePhase = "churn"
    public let figuresByAllocator = true

    public let variants = [
        ScenarioVariant(name: "threaded", summary: "the jobs spread over T threads at once (job i on thread i mod T)",
                        phases: ["churn", "release", "settle", "trim"]),
        ScenarioVariant(name: "threaded-long-settle", summary: "the threaded jobs, then \(Self.seconds(Self.defaultLongSettleSeconds)) s of idling (`--param long-settle=S`): past jemalloc's 10 s dirty decay",
                        phases: ["churn", "release", "settle", "trim"], sameWorkAs: "threaded"),
        ScenarioVariant(name: "single-thread", summary: "the same jobs one after another on one thread (the control: one arena)",
                        phases: ["churn", "release", "settle", "trim"]),
    ]

    public let figures = [
        ScenarioFigure(check: "threads", label: "Threads", format: .count),
        ScenarioFigure(check: "arenas", label: "glibc arenas after churn", format: .count),
        ScenarioFigure(check: "liveBytesAfterChurn", label: "Allocator live after churn", format: .bytes),
        ScenarioFigure(check: "heldBytesAfterChurn", label: "Allocator held after churn (glibc from system / jemalloc resident)", format: .bytes),
        ScenarioFigure(check: "liveBytesAfterSettle", label: "Allocator live after settle", format: .bytes),
        ScenarioFigure(check: "heldBytesAfterSettle", label: "Allocator held after settle", format: .bytes),
        ScenarioFigure(check: "settleMillis", label: "Settle (ms)", format: .count),
        ScenarioFigure(check: "survivorChecksum", label: "Survivors' checksum", format: .hash, mustAgree: true),
    ]

    /// The single thread is the control that shows what the threads cost (compared and shown,
    /// never advised: one thread is not a fix for a server); the long settle is the threaded
    /// variant again with other settings, neither.
    public let comparisons = [VariantComparison.control("single-thread", of: "threaded")]

    public let parameters = [
        ParameterDeclaration(key: "threads", summary: "threads of the threaded variants (1–256, default 8)"),
        ParameterDeclaration(key: "burst", summary: "buffers and strings allocated per job, one of them kept (default 256)"),
        ParameterDeclaration(key: "settle", summary: "seconds the threads idle after release, in threaded and single-thread (default \(Self.seconds(Self.defaultSettleSeconds)))"),
        ParameterDeclaration(key: "long-settle", summary: "seconds the threads idle after release in threaded-long-settle (default \(Self.seconds(Self.defaultLongSettleSeconds)))"),
        ParameterDeclaration(key: "threaded-settle", summary: "seconds the threads idle after release in threaded (default: settle)"),
        ParameterDeclaration(key: "settle-checkpoints", summary: "idle times (s) at which the threaded variants read RSS before settle ends, e.g. 0.5,2, or none (default 0.5,1,2,5, those before the settle time)"),
    ]

    /// `bench all` leaves the long settle out (ask for it: `bench run threaded-churn --variant
    /// threaded-long-settle`); the threaded variant idles longer there, every variant shorter
    /// in --quick.
    /// jemalloc-decay-1s is added: the default jemalloc rows keep freed pages 10 s, longer than
    /// the 3 s settle, so only a row whose decay fits in the settle is compared settled.
    public var suiteDefaults: SuiteDefaults {
        SuiteDefaults(variantsLeftOut: ["threaded-long-settle"],
                      parameters: ["threaded-settle": "\(Self.suiteThreadedSettleSeconds)"],
                      quickParameters: ["settle": "\(Self.quickSettleSeconds)"],
                      addedAllocators: [Self.decayedConfiguration])
    }

    /// The configuration whose decay fits in the suite's settle.
    public static let decayedConfiguration = "jemalloc-decay-1s"

    public init() {}

    /// "0.5", "11": a default as the text states it.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    public func prepare(size: Int, cacheDirectory: String) throws {}

    enum Item {
        case buffer([UInt8])
        case text(String)
        var byteCount: Int {
            switch self {
            case .buffer(let bytes): return bytes.count
            case .text(let text): return text.utf8.count
            }
        }
        var firstByte: UInt8 {
            switch self {
            case .buffer(let bytes): return bytes.first ?? 0
            case .text(let text): return text.utf8.first ?? 0
            }
        }
    }

    /// The long-lived structure every thread adds its survivors to.
    final class Survivors: Sendable {
        let items = Mutex<[Item]>([])
        let checksum = Atomic<Int>(0)
        let bytes = Atomic<Int>(0)

        func keep(_ item: Item, job: Int) {
            checksum.add((job &+ 1) &* Int(item.firstByte) &+ item.byteCount, ordering: .relaxed)
            bytes.add(item.byteCount, ordering: .relaxed)
            items.withLock { $0.append(item) }
        }

        func drop() { items.withLock { $0 = [] } }
        var count: Int { items.withLock { $0.count } }
    }

    /// One job: a burst of `count` buffers and strings of 1–64 KiB (about 8 MiB for 256), every
    /// byte written; one is kept.
    static func process(job: Int, burst count: Int, into survivors: Survivors) {
        var random = SeededGenerator(seed: UInt64(job) &* 0xD1B5_4A32_D192_ED03 &+ 7)
        let keep = Int.random(in: 0..<count, using: &random)
        var burst: [Item] = []
        burst.reserveCapacity(count)
        for _ in 0..<count {
            let size = Int.random(in: 1_024...65_536, using: &random)
            let fill = UInt8(truncatingIfNeeded: random.next() % 26 + 97)
            if random.next() & 1 == 0 {
                burst.append(.buffer([UInt8](repeating: fill, count: size)))
            } else {
                burst.append(.text(String(unsafeUninitializedCapacity: size) { buffer in
                    buffer.initialize(repeating: fill)
                    return size
                }))
            }
        }
        survivors.keep(burst[keep], job: job)
        burst.removeAll()
        usleep(200)
    }

    /// An idle thread's millisecond: one small block allocated, written and freed.
    static func idleTick() {
        blackHole([UInt8](repeating: 1, count: idleTickBytes))
        usleep(1_000)
    }

    final class Held: @unchecked Sendable {
        var survivors: Survivors?
    }

    public func run(variant: String, context: RunContext) throws {
        let isThreaded = variant.hasPrefix("threaded")
        let threads = isThreaded ? try context.intParameter("threads", default: Self.defaultThreads) : 1
        guard (1...256).contains(threads) else { throw ScenarioCheckFailed("threads must be between 1 and 256, not \(threads)") }
        let plainSettle = try context.doubleParameter("settle", default: Self.defaultSettleSeconds)
        let settle = switch variant {
        case "threaded-long-settle": try context.doubleParameter("long-settle", default: Self.defaultLongSettleSeconds)
        case "threaded": try context.doubleParameter("threaded-settle", default: plainSettle)
        default: plainSettle
        }
        guard settle >= 0 && settle <= 600 else { throw ScenarioCheckFailed("settle must be between 0 and 600 seconds, not \(settle)") }
        let checkpoints = try Self.settleCheckpoints(variant: variant, settle: settle, context: context)
        let burst = try context.intParameter("burst", default: Self.defaultBurst)
        guard (1...100_000).contains(burst) else { throw ScenarioCheckFailed("burst must be between 1 and 100000, not \(burst)") }
        let jobs = context.size
        let survivors = Survivors()
        let held = Held()
        held.survivors = survivors

        // Threads outlive the churn, like a server's: after their jobs they idle until the end
        // of `settle`, each allocating and freeing one 4 KiB block a millisecond, then exit.
        // Measured: jemalloc (background thread off by default) purged nothing during the idle
        // time, with or without these ticks; it gave memory back when the threads exited.
        let finished = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        var group: ThreadGroup?
        try context.phase("churn") {
            switch variant {
            case "threaded", "threaded-long-settle":
                group = try ThreadGroup(threads) { thread in
                    for job in stride(from: thread, to: jobs, by: threads) { Self.process(job: job, burst: burst, into: survivors) }
                    finished.add(1, ordering: .releasing)
                    while !stop.load(ordering: .acquiring) { Self.idleTick() }
                }
                while finished.load(ordering: .acquiring) < threads { usleep(200) }
            case "single-thread":
                for job in 0..<jobs { Self.process(job: job, burst: burst, into: survivors) }
            default:
                throw ScenarioCheckFailed("unknown variant \(variant)")
            }
        }
        let afterChurn = context.allocatorStatsAfterLastPhase
        let kept = survivors.count
        let checksum = survivors.checksum.load(ordering: .relaxed)
        let survivorBytes = survivors.bytes.load(ordering: .relaxed)
        try context.phase("release") {
            held.survivors?.drop()
            held.survivors = nil
        }
        // Checkpoints count from the start of the idle time, so phase bookkeeping does not
        // shift them.
        let idleStart = monotonicSeconds()
        for checkpoint in checkpoints {
            try context.phase(Self.checkpointPhase(checkpoint)) { Self.idle(until: idleStart + checkpoint, threaded: group != nil) }
        }
        try context.phase("settle") {
            Self.idle(until: idleStart + settle, threaded: group != nil)
            stop.store(true, ordering: .releasing)
            group?.join()
        }
        let afterSettle = context.allocatorStatsAfterLastPhase
        try context.trimPhase()

        guard kept == jobs else { throw ScenarioCheckFailed("\(kept) survivors kept for \(jobs) jobs") }
        context.check("threads", threads, informational: true)
        context.check("jobs", jobs)
        context.check("survivors", kept)
        context.check("survivorBytes", survivorBytes)
        context.check("survivorChecksum", checksum)
        context.check("settleMillis", Int(settle * 1000), informational: true)
        context.check("settleCheckpoints", checkpoints.count, informational: true)
        if let arenas = afterChurn?.arenas { context.check("arenas", arenas, informational: true) }
        if let live = afterChurn?.liveBytes { context.check("liveBytesAfterChurn", live, informational: true) }
        if let heldBytes = afterChurn?.residentBytes ?? afterChurn?.systemBytes { context.check("heldBytesAfterChurn", heldBytes, informational: true) }
        if let live = afterSettle?.liveBytes { context.check("liveBytesAfterSettle", live, informational: true) }
        if let heldBytes = afterSettle?.residentBytes ?? afterSettle?.systemBytes { context.check("heldBytesAfterSettle", heldBytes, informational: true) }
    }
}
