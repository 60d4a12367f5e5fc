import Foundation
import BenchModel

extension MarkdownReport {
    /// `--sites`: per cell, the sites of the bytes in use at each phase's end, the pitfall
    /// against its fix, the check against jemalloc's own count, and the profiling run's cost.
    static func sitesSection(_ report: Report, charts: [ChartFile]) -> [String] {
        guard let sites = report.sites, !sites.isEmpty else { return [] }
        var out = ["## Where the memory came from (allocation sites)", ""]
        let lg = sites.first?.lgProfSample ?? 0
        let exec = report.runs.contains { $0.exec != nil }
        if !exec { out.append("Taken in one extra **profiling run** per cell under `\(sites.first?.profiledUnder ?? "jemalloc")` (jemalloc's heap profiler, `lg_prof_sample:\(lg)`: one sample per \(grouped(1 << lg)) bytes allocated on average), whatever configurations were measured. The profiling run is instrumented: its RSS is in no figure, cell or verdict of this report. Each phase's heap profile is dumped as the phase ends (`mallctl(\"prof.dump\")`), symbolised with `jeprof --collapsed --inuse_space` and demangled with `swift-demangle`; MemoryBench's own frames are folded away (their bytes, with the process start-up's, are one row). A site is the call the workload's own code made that led to the bytes (or its own function, when it called the allocator itself); *allocated in* is the innermost frame above the allocator on the site's heaviest stack. Live bytes are the profile's estimate from its samples, checked against jemalloc's own `stats.allocated` read just before the dump: the difference is the sampling error plus what the profile leaves out (a steady few hundred KiB here; see the README's \"How accurate is it?\").") }
        if exec {
            out.append("Taken in one extra **profiling run** of the command per variant with `\(sites.first?.profiledUnder ?? "jemalloc")` preloaded (jemalloc's heap profiler, `lg_prof_sample:\(lg)`: one sample per \(grouped(1 << lg)) bytes allocated on average), whatever configurations were measured; its RSS is in no figure, cell or verdict of this report. jemalloc dumps by itself (`prof_gdump`, `prof_final`): phase `peak` is the last profile jemalloc dumped at a new high-water mark of its memory, `exit` the one it dumped at exit, each symbolised with `jeprof --collapsed --inuse_space` against the executable of the process that wrote it (of a process tree, the process holding the most bytes). Frames are the command's native ones as they are, nothing folded away (for Python or Ruby, the interpreter's C frames); a site is the innermost frame above the allocator; there is no `stats.allocated` to check against.")
        }
        out.append("")
        let diffs = SitesDiff.make(report: report)
        if !diffs.isEmpty {
            out += diffs.map { "- \($0.sentence)" }
            out.append("")
        }
        for cell in sites {
            let unit = report.scenarios.first { $0.name == cell.scenario }.map { " " + $0.sizeUnit } ?? ""
            out.append("### \(cell.scenario) · `\(cell.variant)`\(cell.size == 0 ? "" : ", \(grouped(cell.size))\(unit)")")
            out.append("")
            if let failure = cell.failure {
                out += ["No sites: \(failure)", ""]
                continue
            }
            if let process = cell.profiledProcess { out += ["Profiled process: \(process).", ""] }
            if let peak = cell.peakPhase, let phase = cell.phase(peak) {
                out.append("Peak phase (most live bytes at its end): `\(peak)`, \(mebibytes(Double(phase.sampledLiveBytes))) sampled live. Flame graph: [\(FlameGraph.fileName(cell))](\(FlameGraph.fileName(cell))).")
                out.append("")
                out.append(table(header: ["Site", "Called from", "Allocated in", "Bytes in use", "Share"], rows: phase.sites.map { site in
                    ["`\(site.site)`", site.path.dropLast().suffix(2).map { "`\($0)`" }.joined(separator: " → "),
                     site.allocatingFrame.map { $0 == site.site ? "–" : "`\($0)`" } ?? "–",
                     mebibytes(Double(site.bytes)), percent(site.share)]
                }, rightAlignedFrom: 3))
                out.append("")
            }
            out.append(table(header: ["Phase", "Top sites", "Live at end, sampled", "jemalloc stats.allocated", "Profile against stats.allocated"],
                             rows: cell.phases.map { phase in
                let error = phase.allocatorLiveBytes.flatMap { live in
                    live > 0 ? String(format: "%+.1f %%", (Double(phase.sampledLiveBytes) / Double(live) - 1) * 100) : nil
                } ?? "–"
                return ["`\(phase.phase)`", phase.sites.prefix(3).map { "`\($0.site)` \(percent($0.share))" }.joined(separator: ", "),
                        mebibytes(Double(phase.sampledLiveBytes)), phase.allocatorLiveBytes.map { mebibytes(Double($0)) } ?? "–", error]
            }, rightAlignedFrom: 2))
            out.append("")
            if let profiled = cell.profiledWallSeconds, let measured = cell.measuredWallSeconds, measured > 0 {
                out.append(String(format: "Profiling run: %.2f s over its phases against %.2f s for the measured runs (median), %.2f×.", profiled, measured, profiled / measured))
                out.append("")
            }
        }
        return out
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }
}
