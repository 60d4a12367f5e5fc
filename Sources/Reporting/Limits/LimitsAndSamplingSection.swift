import BenchModel
import MemoryProbe

/// How the figures were taken, after the findings: over the process's own baseline with exact
/// phase peaks; how a partial suite is finished; the cap and timeout the runs were under; and a
/// clear warning where RSS was not watched or peaks are sampled because the kernel refused the
/// per-phase reset.
struct LimitsAndSamplingSection: ReportSection {
    var report: Report

    var summary: [Markdown] {
        var out: [Markdown] = [
            "Every byte figure is RSS over the worker process's own baseline (its RSS before the first phase), the median of the cell's runs. Peaks are exact per phase (`VmHWM` reset through `/proc/self/clear_refs` at each phase start) unless marked *sampled*.", ""]
        if report.partial {
            let command = report.hasExecRuns() ? "bench exec" : "bench all"
            out += ["The missing runs can be measured into this same report with \(code: command + " --resume <folder>"), the folder being this report's (\(code: report.runId)).", ""]
        }
        if let limits = report.runs.compactMap(\.limits).first { out += [cap(limits), ""] }
        let unwatched = report.runs.compactMap { $0.limits?.watchNote }
        if let note = unwatched.first {
            out += ["> **RSS not watched** in \(unwatched.count) run(s): \(note).", ""]
        }
        let sampled = report.runs.filter { $0.record?.peakMethod == .sampled }
        if !sampled.isEmpty {
            let why = sampled.compactMap { $0.record?.peakMethodNote }.first ?? "the kernel refused the reset"
            out += ["> **Peaks are sampled, not exact, in \(sampled.count) of \(report.runs.filter { $0.record != nil }.count) runs:** "
                + "\(why). Their peaks are the sampler's largest reading and miss spikes shorter than the sampling interval; they are marked *(sampled)*.", ""]
        }
        return out
    }

    /// "Each run was capped at 12 GiB of RSS (…) and given at most 600 s."
    func cap(_ limits: RunLimits) -> Markdown {
        var line = "Each run was capped at \(MemoryLimit.format(limits.memoryCapBytes)) of RSS (watched every few milliseconds from outside; past it the run is killed and recorded as OOM"
        if let data = limits.dataLimitBytes { line += ", with a kernel data limit of \(MemoryLimit.format(data)) behind it" }
        line += ") and given at most \(limits.timeoutSeconds == limits.timeoutSeconds.rounded() ? "\(Int(limits.timeoutSeconds))" : "\(limits.timeoutSeconds)") s."
        return "\(line)"
    }
}
