#if canImport(Glibc)
import Glibc
#endif
import MemoryProbe

/// The positive control (issue 24): the published thread-pool workload that glibc's arena rows
/// exist for (andresakata/ruby-memory-bloat, after Nate Berkopec's "Malloc can double
/// multi-threaded Ruby program memory usage"): a fixed pool of 30 threads runs jobs that each
/// build 1,024 strings of 1 KiB, every 25th job 150 times as many (150 MiB), and free them when
/// the job ends. Under glibc, with jobs handed one at a time from thread to thread (as the GVL
/// runs a Ruby pool), each arena keeps what the largest job run in it grew it to: on glibc 2.36,
/// when a burst fills a 64 MiB sub-heap, the few hundred bytes left at its end are freed into the
/// thread's tcache, so the arena sees them in use and cannot release the sub-heap below them
/// (tcache off, or the thread gone, it can). `MALLOC_ARENA_MAX=2` caps the arenas that can keep
/// memory; jemalloc keeps its dirty pages for a while. With every job at once, the live set
/// dominates.
///
/// Phases: `jobs` (the pool starts and runs every job), `release` (what a variant kept across jobs
/// is dropped), `settle` (the threads idle, alive), `shutdown` (the threads exit: their tcaches
/// are flushed), `trim`. At its default size it peaks in GB and runs for seconds to a minute a
/// run, so `bench all` runs it only with `--long`.
public struct ThreadPoolBloat: Scenario, ReportsFigures, AllocatorSensitive {
    public let name = "thread-pool-bloat"
    public static let defaultThreads = 30
    public static let defaultStrings = 1_024
    public static let defaultStringBytes = 1_024
    public static let defaultBigEvery = 25
    public static let defaultBigFactor = 150
    public static let defaultSettleSeconds = 2.0
    /// pinned: a small object kept per this many strings, in a store of `pinSlots` slots.
    public static let pinEvery = 256
    public static let pinSlots = 65_536
    public static let pinBytes = 64

    public let summary = "The published thread-pool workload (andresakata/ruby-memory-bloat): a fixed pool of 30 threads (`--param threads=N`) runs jobs that each build 1,024 strings of 1 KiB (`--param strings=N`, `--param string-bytes=N`), every 25th job (`--param big-every=N`) 150 times as many (`--param big-factor=N`), and free them when the job ends; each thread runs one job per round of 30, in a seeded order (`--param order=round-robin`: job i on thread i mod T), handed on one at a time as Ruby's GVL runs a pool, or all at once. Then `release`, `settle` (the threads idle, alive, `--param settle=S` seconds, default 2), `shutdown` (the threads exit), `trim`. GB-scale peaks at the default size: only `bench all --long` runs it"
    public let sizeUnit = "jobs"
    /// 10–30 s a run one at a time (release build, 2 loaded cores), peaks near 2 GiB (all at
    /// once 3.5–5 GiB); the published run had 10,000 jobs.
    public let defaultSize = 2_000
    /// The short version (with `--param threads=8`: peaks near 700 MiB, about 3 s a run in a
    /// debug build); `bench all --quick` never runs this scenario.
    public let quickSize = 200
    public let reportedPhases = ["jobs", "release", "settle", "shutdown", "trim"]
    public let livePhase = "jobs"
    public let figuresByAllocator = true

    static let phases = ["jobs", "release", "settle", "shutdown", "trim"]

    public let variants = [
        ScenarioVariant(name: "one-at-a-time", summary: "one job at a time, handed from thread to thread in the pool's fixed order: each arena keeps what the largest job run in it grew it to",
                        phases: phases),
        ScenarioVariant(name: "all-at-once", summary: "the same jobs, every thread through its own at once: the jobs' live strings dominate RSS",
                        phases: phases, sameWorkAs: "one-at-a-time"),
        ScenarioVariant(name: "pinned", summary: "the same jobs one at a time, and every 256th string also leaves a 64 B object in a shared store of 65,536 slots (a random one replaced, the old object freed by whichever thread replaces it): long-lived small objects between the strings",
                        phases: phases, sameWorkAs: "one-at-a-time"),
    ]

    /// The configurations are what the report judges, against glibc, in each variant; the
    /// variants build the same strings with other lifetimes (`sameWorkAs`), so none is a fix of
    /// another (their peaks stand side by side in the report's table).
    public let comparisons: [VariantComparison] = []

    public let figures = [
        ScenarioFigure(check: "threads", label: "Threads", format: .count),
        ScenarioFigure(check: "inFlight", label: "Jobs in flight at once", format: .count),
        ScenarioFigure(check: "bigJobs", label: "Big jobs", format: .count),
        ScenarioFigure(check: "arenas", label: "glibc arenas after the jobs", format: .count),
        ScenarioFigure(check: "liveBytesAfterJobs", label: "Allocator live after the jobs", format: .bytes),
        ScenarioFigure(check: "heldBytesAfterJobs", label: "Allocator held after the jobs (glibc from system / jemalloc resident)", format: .bytes),
        ScenarioFigure(check: "heldMinusLiveBytesAfterSettle", label: "Held − live after settle", format: .bytes),
        ScenarioFigure(check: "pinsKept", label: "Small objects kept (pinned)", format: .count),
        ScenarioFigure(check: "stringsChecksum", label: "Strings' checksum", format: .hash, mustAgree: true),
    ]

    public let parameters = [
        ParameterDeclaration(key: "threads", summary: "threads in the pool (1–256, default 30)"),
        ParameterDeclaration(key: "strings", summary: "strings a job builds (1–1000000, default 1024)"),
        ParameterDeclaration(key: "string-bytes", summary: "bytes per string (16–65536, default 1024)"),
        ParameterDeclaration(key: "big-every", summary: "every Nth job is big (1–1000000, default 25)"),
        ParameterDeclaration(key: "big-factor", summary: "a big job builds this many times the strings (1–1000, default 150)"),
        ParameterDeclaration(key: "order", summary: "which thread runs which job, one job per thread each round of T jobs: shuffled (seeded, the default: big jobs fall on every thread, as behind Ruby's GVL) or round-robin (job i on thread i mod T)"),
        ParameterDeclaration(key: "settle", summary: "seconds the threads idle, alive, after release (0–600, default 2)"),
    ]

    /// Only `bench all --long` runs it, under the configurations its claim is about (those of
    /// them chosen); `glibc-no-tcache` shows the cause when it is chosen too.
    public let suiteDefaults = SuiteDefaults(
        allocators: ["glibc", "glibc-arenas-2", "jemalloc-preload", "jemalloc-background", "glibc-no-tcache"], tier: .long)

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    public func run(variant: String, context: RunContext) throws {
        let shape = try Shape(variant: variant, context: context)
        let checksum = JobChecksum()
        var pins: PinStore?
        var pool: HandOffPool?
        try context.phase("jobs") {
            let store = variant == "pinned" ? PinStore() : nil
            let started = try HandOffPool(threads: shape.threads, owners: shape.owners(jobs: context.size),
                                          oneAtATime: shape.inFlight == 1) { job in
                checksum.add(shape.build(job: job, pins: store))
            }
            pins = store
            pool = started
            started.waitForJobs()
        }
        let afterJobs = context.allocatorStatsAfterLastPhase
        let pinsKept = try context.phase("release") { pins?.removeAll() ?? 0 }
        try context.phase("settle") { Self.sleep(seconds: shape.settleSeconds) }
        let afterSettle = context.allocatorStatsAfterLastPhase
        try context.phase("shutdown") { pool?.stop() }
        try context.trimPhase()

        let bigJobs = (0..<context.size).filter(shape.isBig).count
        guard checksum.jobs == context.size else { throw ScenarioCheckFailed("\(checksum.jobs) of \(context.size) jobs ran") }
        context.check("jobs", context.size)
        context.check("threads", shape.threads)
        context.check("bigJobs", bigJobs)
        context.check("strings", (context.size - bigJobs) * shape.strings + bigJobs * shape.strings * shape.bigFactor)
        context.check("stringsChecksum", Int(truncatingIfNeeded: checksum.value))
        context.check("inFlight", shape.inFlight, informational: true)
        context.check("settleMillis", Int(shape.settleSeconds * 1000), informational: true)
        if pins != nil { context.check("pinsKept", pinsKept, informational: true) }
        if let arenas = afterJobs?.arenas { context.check("arenas", arenas, informational: true) }
        if let live = afterJobs?.liveBytes { context.check("liveBytesAfterJobs", live, informational: true) }
        if let held = afterJobs?.residentBytes ?? afterJobs?.systemBytes { context.check("heldBytesAfterJobs", held, informational: true) }
        if let held = afterSettle?.residentBytes ?? afterSettle?.systemBytes, let live = afterSettle?.liveBytes {
            context.check("heldMinusLiveBytesAfterSettle", held - live, informational: true)
        }
    }

    static func sleep(seconds: Double) {
        let end = monotonicSeconds() + seconds
        while monotonicSeconds() < end { usleep(10_000) }
    }
}
