import Foundation
import BenchModel

/// `--sites`: per cell, the sites of the bytes in use at each phase's end, the pitfall against
/// its fix (`SitesDiff`), the check against jemalloc's own count, and the profiling run's cost.
struct SitesSection: ReportSection {
    var report: Report
    var charts: [ChartFile]

    var summary: [Markdown] {
        guard let sites = report.sites, !sites.isEmpty else { return [] }
        let lg = sites.first?.lgProfSample ?? 0
        let profiledUnder = sites.first?.profiledUnder ?? "jemalloc"
        var out: [Markdown] = ["## Where the memory came from (allocation sites)", ""]
        if report.hasExecRuns() {
            out.append("Taken in one extra **profiling run** of the command per variant with \(code: profiledUnder) preloaded (jemalloc's heap profiler, `lg_prof_sample:\(lg)`: one sample per \(grouped(1 << lg)) bytes allocated on average), whatever configurations were measured; its RSS is in no figure, cell or verdict of this report. jemalloc dumps by itself (`prof_gdump`, `prof_final`): phase `peak` is the last profile jemalloc dumped at a new high-water mark of its memory, `exit` the one it dumped at exit, each symbolised with `jeprof --collapsed --inuse_space` against the executable of the process that wrote it (of a process tree, the process holding the most bytes). Frames are the command's native ones as they are, nothing folded away (for Python or Ruby, the interpreter's C frames); a site is the innermost frame above the allocator; there is no `stats.allocated` to check against.")
        } else {
            out.append("Taken in one extra **profiling run** per cell under \(code: profiledUnder) (jemalloc's heap profiler, `lg_prof_sample:\(lg)`: one sample per \(grouped(1 << lg)) bytes allocated on average), whatever configurations were measured. The profiling run is instrumented: its RSS is in no figure, cell or verdict of this report. Each phase's heap profile is dumped as the phase ends (`mallctl(\"prof.dump\")`), symbolised with `jeprof --collapsed --inuse_space` and demangled with `swift-demangle`; MemoryBench's own frames are folded away (their bytes, with the process start-up's, are one row). A site is the call the workload's own code made that led to the bytes (or its own function, when it called the allocator itself); *allocated in* is the innermost frame above the allocator on the site's heaviest stack. Live bytes are the profile's estimate from its samples, checked against jemalloc's own `stats.allocated` read just before the dump: the difference is the sampling error plus what the profile leaves out (a steady few hundred KiB here; see the README's \"How accurate is it?\").")
        }
        out.append("")
        let diffs = SitesDiff.make(report: report)
        if !diffs.isEmpty { out += diffs.map { "- \($0.sentence)" } + [""] }
        return out + sites.flatMap(cell)
    }

    func cell(_ cell: CellSites) -> [Markdown] {
        let unit = report.scenario(named: cell.scenario).map { " " + $0.sizeUnit } ?? ""
        var out: [Markdown] = ["### \(cell.scenario) · \(code: cell.variant)\(cell.size == 0 ? "" : ", \(grouped(cell.size))\(unit)")", ""]
        if let failure = cell.failure { return out + ["No sites: \(failure)", ""] }
        if let process = cell.profiledProcess { out += ["Profiled process: \(process).", ""] }
        if let peak = cell.peakPhase, let phase = cell.phase(peak) {
            let graph = FlameGraph.fileName(cell)
            out += ["Peak phase (most live bytes at its end): \(code: peak), \(mebibytes(Double(phase.sampledLiveBytes))) sampled live. Flame graph: [\(graph)](\(graph)).", ""]
            let rows: [[Markdown]] = phase.sites.map { site in
                ["\(code: site.site)", .joined(site.path.dropLast().suffix(2).map { "\(code: $0)" }, separator: " → "),
                 site.allocatingFrame.map { $0 == site.site ? "–" : "\(code: $0)" } ?? "–",
                 "\(mebibytes(Double(site.bytes)))", "\(FigureText.percent(site.share))"]
            }
            out += [.table(header: ["Site", "Called from", "Allocated in", "Bytes in use", "Share"], rows: rows, rightAlignedFrom: 3), ""]
        }
        let rows: [[Markdown]] = cell.phases.map { phase in
            let error = phase.allocatorLiveBytes.flatMap { live in
                live > 0 ? String(format: "%+.1f %%", (Double(phase.sampledLiveBytes) / Double(live) - 1) * 100) : nil
            } ?? "–"
            return ["\(code: phase.phase)", .joined(phase.sites.prefix(3).map { "\(code: $0.site) \(FigureText.percent($0.share))" }, separator: ", "),
                    "\(mebibytes(Double(phase.sampledLiveBytes)))", "\(phase.allocatorLiveBytes.map { mebibytes(Double($0)) } ?? "–")", "\(error)"]
        }
        out += [.table(header: ["Phase", "Top sites", "Live at end, sampled", "jemalloc stats.allocated", "Profile against stats.allocated"],
                       rows: rows, rightAlignedFrom: 2), ""]
        if let profiled = cell.profiledWallSeconds, let measured = cell.measuredWallSeconds, measured > 0 {
            out += ["\(String(format: "Profiling run: %.2f s over its phases against %.2f s for the measured runs (median), %.2f×.", profiled, measured, profiled / measured))", ""]
        }
        return out
    }
}
