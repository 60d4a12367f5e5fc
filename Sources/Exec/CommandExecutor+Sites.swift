import Foundation
import BenchModel
import Suite

/// `bench exec --sites`: per cell (variant) one extra profiling run of the command with
/// jemalloc preloaded and its heap profiler on. A foreign command cannot be asked to dump at
/// its phase ends, so jemalloc dumps by itself: at every new high-water mark of its memory
/// (`prof_gdump`, files `…u<N>.heap`; the last one is the peak's profile) and at exit (`prof_final`). The run is
/// never returned as a result: it is in no RSS figure or verdict, only its sites are reported.
extension CommandExecutor {
    static let dumpPrefix = "p"
    static let ownAllocator = "jemalloc was preloaded, but the command's own code allocated nothing through malloc (only the libraries' start-up did): it has its own allocator (Go's, the JVM's) or maps its memory itself, so its memory has no malloc sites"
    static let cannotProfile = "the command wrote no heap profile: jemalloc was not preloaded into it (a static or setuid binary) or it does not allocate through malloc (its own allocator, as Go's or the JVM's)"

    public func profileSites(_ plan: RunPlan, measured: [RunResult], folder runFolder: RunFolder, profiling: SiteProfiling,
                             progress: ProgressReporter) throws -> [CellSites] {
        guard let base = SiteProfiler.configuration(lgSample: profiling.lgSample) else { return [] }
        progress.say("sites: one profiling run per variant with jemalloc preloaded (lg_prof_sample \(profiling.lgSample), dumps at each new peak and at exit), apart from the measured runs")
        let preflight = self.preflight(base)
        var all: [CellSites] = []
        var seen = Set<String>()
        for var entry in plan.entries where seen.insert("\(entry.scenario)/\(entry.variant)/\(entry.size)").inserted {
            if Interruption.signal != nil { break }
            var cell = CellSites(scenario: entry.scenario, variant: entry.variant, size: entry.size,
                                 profiledUnder: base.name, lgProfSample: profiling.lgSample)
            cell.measuredWallSeconds = SiteProfiler.measuredWallSeconds(of: entry, in: measured)
            defer {
                progress.say("sites: \(entry.scenario) \(entry.variant): \(cell.failure ?? summary(cell))")
                all.append(cell)
            }
            guard preflight.outcome == .verified else {
                cell.failure = "jemalloc-preload cannot run here: \(preflight.reason ?? "preflight failed")"
                continue
            }
            let folder = runFolder.sitesFolder(scenario: entry.scenario, variant: entry.variant, size: entry.size)
            // MALLOC_CONF ends a value at ',' and a key at ':'.
            guard !folder.path.contains(","), !folder.path.contains(":") else {
                cell.failure = "jemalloc cannot be told to write its profiles into \(folder.path): the path has a ',' or ':'"
                continue
            }
            try? FileManager.default.removeItem(at: folder)
            try AtomicFile.makeDirectories(folder.path)
            entry.allocator = base
            entry.allocator.environment["MALLOC_CONF"] = (base.environment["MALLOC_CONF"] ?? "")
                + ",prof_gdump:true,prof_final:true,prof_prefix:\(folder.path)/\(Self.dumpPrefix)"
            entry.repetition = 0
            let run = self.run(entry, index: all.count, folder: runFolder.path)
            cell.profiledWallSeconds = run.record?.phasesWallSeconds ?? run.process?.wallSeconds
            let dumps = HeapDumpFiles(folder: folder.path, prefix: Self.dumpPrefix)
            dumps.removeSuperseded(folder: folder.path, prefix: Self.dumpPrefix)
            do { try read(dumps, run: run, symbolizer: profiling.symbolizer, into: &cell) }
            catch { cell.failure = "\(error)" }
        }
        try runFolder.write(sites: all)
        return all
    }

    func summary(_ cell: CellSites) -> String {
        guard let peak = cell.peakPhase, let phase = cell.phase(peak), let top = phase.sites.first else { return "no sites" }
        return String(format: "at its %@, %@ holds %.0f %% (%@)", peak, top.site, top.share * 100, cell.profiledProcess ?? "")
    }

    /// Of the processes that wrote profiles, the one holding the most sampled bytes at its
    /// peak: its `peak` and `exit` profiles, read against its own executable.
    func read(_ dumps: HeapDumpFiles, run: RunResult, symbolizer: HeapProfileSymbolizer, into cell: inout CellSites) throws {
        // bench-exec-launcher, which starts the command, inherits the preload too: not the command.
        let launcher = options.launcher.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        let profiled = dumps.processes.compactMap { process -> (process: HeapDumpFiles.Process, executable: String?, bytes: Int)? in
            let files = [process.peak, process.exit].compactMap { $0 }
            let executable = files.lazy.compactMap(HeapDumpFiles.executable).first
            if let executable, executable == launcher { return nil }
            return (process, executable, files.compactMap(HeapDumpFiles.sampledBytes).max() ?? -1)
        }
        guard let (process, found, _) = profiled.max(by: { $0.bytes < $1.bytes }) else {
            let why = run.status == .ok ? Self.cannotProfile : "the profiling run failed and wrote no heap profile: \(run.reason ?? run.status.rawValue)"
            throw BenchError.io(why)
        }
        guard let executable = found else {
            throw BenchError.io("the heap profile of pid \(process.pid) names no executable (no MAPPED_LIBRARIES section)")
        }
        let name = (executable as NSString).lastPathComponent
        cell.profiledProcess = "\(name) (pid \(process.pid), \(executable))"
            + (profiled.count > 1 ? "; the largest of \(profiled.count) processes profiled" : "")
            + (run.status == .ok ? "" : "; the profiling run itself failed: \(run.reason ?? run.status.rawValue)")
        for (phase, file) in [("peak", process.peak), ("exit", process.exit)] {
            guard let file else { continue }
            let raw = CollapsedStacks.parse(try symbolizer.collapsedStacks(binary: executable, profile: file))
            let folded = CollapsedStacks.foldNative(raw, names: try symbolizer.demangle(CollapsedStacks.swiftSymbols(raw)))
            // jemalloc was loaded, but the command's own code never allocated through it.
            if phase == "peak" || process.peak == nil, folded.allSatisfy({ $0.site == CollapsedStacks.nativeStartUpFrame }) {
                cell.phases = []
                throw BenchError.io("\(name): \(Self.ownAllocator)")
            }
            let stacks = folded.map(\.stack)
            let total = stacks.reduce(0) { $0 + $1.bytes }
            cell.phases.append(PhaseSites(phase: phase, sampledLiveBytes: total, allocatorLiveBytes: nil,
                                          sites: CollapsedStacks.sites(folded, top: SiteProfiler.sitesPerPhase)))
            // The peak's profile is the flame graph's; the exit's when jemalloc never dumped at a peak.
            if cell.peakPhase == nil {
                cell.peakPhase = phase
                cell.peakStacks = stacks.filter { Double($0.bytes) >= Double(total) * SiteProfiler.smallestFlameShare }
            }
        }
    }
}
