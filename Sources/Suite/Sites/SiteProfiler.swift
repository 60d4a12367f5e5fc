import Foundation
import MemoryProbe
import BenchModel

/// `--sites`: after the measured runs, one extra **profiling run** per cell (scenario, variant,
/// size) under jemalloc with heap profiling on, whose worker dumps the heap profile at the end
/// of every phase; then `jeprof` and `swift-demangle` name the sites of the bytes in use. The
/// profiling run is never written to results.jsonl, so no RSS figure or verdict can include it:
/// only its sites reach the report (`sites.json`, report.json's `sites`).
public struct SiteProfiler {
    /// jemalloc samples one allocation per 2^N bytes allocated on average. 2^16 (64 KiB): a
    /// 1 MiB site is seen ~16 times, and a load-all run of 100,000 rows took 1.0–1.3× the
    /// time of a measured one (README, "How accurate is it?"); jemalloc's default, 2^19,
    /// misses sites under a few MiB.
    public static let defaultLgSample = 16
    /// The sites kept per phase in the report.
    public static let sitesPerPhase = 8
    /// Stacks under this share of the peak phase are left out of the flame graph's data.
    public static let smallestFlameShare = 0.001

    public var workers: WorkerSet
    public var options: WorkerExecutor.Options
    public var scratchDirectory: String
    public var lgSample: Int
    public var symbolizer: HeapProfileSymbolizer
    public var progress: ProgressReporter

    public init(workers: WorkerSet, options: WorkerExecutor.Options, scratchDirectory: String, lgSample: Int,
                symbolizer: HeapProfileSymbolizer, progress: ProgressReporter) {
        self.workers = workers
        self.options = options
        self.scratchDirectory = scratchDirectory
        self.lgSample = lgSample
        self.symbolizer = symbolizer
        self.progress = progress
    }

    /// jemalloc-preload with profiling on; its own name, so nothing mistakes it for a measured
    /// configuration. prof_accum stays off: the profile holds only what is in use.
    public static func configuration(lgSample: Int, libraries: LibraryLocator = LibraryLocator()) -> AllocatorConfiguration? {
        guard var configuration = AllocatorConfiguration.builtIn(libraries: libraries).first(where: { $0.name == "jemalloc-preload" }) else { return nil }
        configuration.name = "jemalloc-preload+sites"
        configuration.summary = "jemalloc through LD_PRELOAD with heap profiling (instrumented: sites only, never RSS)"
        configuration.environment["MALLOC_CONF"] = "prof:true,prof_active:true,prof_accum:false,lg_prof_sample:\(lgSample)"
        return configuration
    }

    /// Profiles every cell of the plan once, in plan order; writes `sites.json` into `folder`.
    public func profile(_ plan: RunPlan, measured: [RunResult], folder runFolder: RunFolder) throws -> [CellSites] {
        guard let configuration = Self.configuration(lgSample: lgSample) else { return [] }
        var executor = WorkerExecutor(workers: workers, options: options, scratchDirectory: scratchDirectory)
        let preflight = executor.preflight(configuration)
        var all: [CellSites] = []
        var seen = Set<String>()
        for var entry in plan.entries {
            let key = "\(entry.scenario)/\(entry.variant)/\(entry.size)"
            guard seen.insert(key).inserted else { continue }
            if Interruption.signal != nil { break }
            var cell = CellSites(scenario: entry.scenario, variant: entry.variant, size: entry.size,
                                 profiledUnder: configuration.name, lgProfSample: lgSample)
            cell.measuredWallSeconds = Self.measuredWallSeconds(of: entry, in: measured)
            guard preflight.outcome == .verified else {
                cell.failure = "jemalloc-preload cannot run here: \(preflight.reason ?? "preflight failed")"
                all.append(cell)
                continue
            }
            let folder = runFolder.sitesFolder(scenario: entry.scenario, variant: entry.variant, size: entry.size)
            try? FileManager.default.removeItem(at: folder)
            try AtomicFile.makeDirectories(folder.path)
            entry.allocator = configuration
            entry.repetition = 0
            executor.heapProfileDirectory = folder.path
            let run = executor.run(entry, index: 0, folder: runFolder.path)
            if run.status == .ok, let record = run.record {
                cell.profiledWallSeconds = record.phasesWallSeconds
                do { try read(record, folder: folder, binary: workers.path(for: configuration), into: &cell) }
                catch { cell.failure = "\(error)" }
            } else {
                cell.failure = "the profiling run failed: \(run.reason ?? run.status.rawValue)"
            }
            progress.say("sites: \(entry.scenario) \(entry.variant): \(cell.failure ?? summary(cell))")
            all.append(cell)
        }
        try runFolder.write(sites: all)
        return all
    }

    func summary(_ cell: CellSites) -> String {
        guard let peak = cell.peakPhase, let phase = cell.phase(peak), let top = phase.sites.first else { return "no sites" }
        return String(format: "at the end of %@, %@ holds %.0f %%", peak, top.site, top.share * 100)
    }

    /// Reads the run's dumps, one per phase in the order the phases ran.
    func read(_ record: WorkerRecord, folder: URL, binary: String, into cell: inout CellSites) throws {
        let files = record.phases.enumerated().map { index, phase in
            folder.appendingPathComponent(HeapProfileDumper.fileName(index: index, phase: phase.name)).path
        }
        if let missing = files.firstIndex(where: { !FileManager.default.fileExists(atPath: $0) }) {
            throw BenchError.io("the profiling run wrote no heap profile for phase \(record.phases[missing].name) (\(files[missing]))")
        }
        // jeprof takes seconds a profile (it reads the binary's symbols each time): two at once.
        let folded = Locked([Result<[(stack: FoldedStack, site: String)], Error>?](repeating: nil, count: files.count))
        let symbolizer = self.symbolizer
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 2
        for (index, file) in files.enumerated() {
            queue.addOperation {
                let result = Result {
                    let raw = CollapsedStacks.parse(try symbolizer.collapsedStacks(binary: binary, profile: file))
                    return CollapsedStacks.fold(raw, names: try symbolizer.demangle(CollapsedStacks.swiftSymbols(raw)))
                }
                folded.update { $0[index] = result }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        var peakBytes = -1
        for (phase, result) in zip(record.phases, folded.value) {
            guard let result else { continue }
            let phaseFolded = try result.get()
            let stacks = phaseFolded.map(\.stack)
            let total = stacks.reduce(0) { $0 + $1.bytes }
            cell.phases.append(PhaseSites(phase: phase.name, sampledLiveBytes: total, allocatorLiveBytes: phase.allocatorStats?.liveBytes,
                                          sites: CollapsedStacks.sites(phaseFolded, top: Self.sitesPerPhase)))
            if phase.verification != true, total > peakBytes {
                peakBytes = total
                cell.peakPhase = phase.name
                cell.peakStacks = stacks.filter { Double($0.bytes) >= Double(total) * Self.smallestFlameShare }
            }
        }
    }

    /// The median wall time of the cell's measured runs: under jemalloc-preload when it was
    /// measured (the same allocator as the profiling run), else under every configuration.
    public static func measuredWallSeconds(of entry: RunPlan.Entry, in results: [RunResult]) -> Double? {
        let cell = results.filter { $0.scenario == entry.scenario && $0.variant == entry.variant && $0.size == entry.size && $0.status == .ok }
        let jemalloc = cell.filter { $0.allocator == "jemalloc-preload" }
        let times = (jemalloc.isEmpty ? cell : jemalloc).compactMap { $0.record?.phasesWallSeconds }.sorted()
        guard !times.isEmpty else { return nil }
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    }
}

/// What `--sites` asks of a suite: the sampling rate and the tools that read the profiles.
public struct SiteProfiling: Sendable {
    public var lgSample: Int
    public var symbolizer: HeapProfileSymbolizer

    public init(lgSample: Int, symbolizer: HeapProfileSymbolizer) {
        self.lgSample = lgSample
        self.symbolizer = symbolizer
    }
}

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ change: (inout Value) -> Void) { lock.lock(); defer { lock.unlock() }; change(&stored) }
}
