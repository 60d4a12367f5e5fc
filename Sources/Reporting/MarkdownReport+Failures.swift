import BenchModel
import MemoryProbe

extension MarkdownReport {
    /// The cap and timeout the runs were under, and a clear warning when some peaks are sampled
    /// because the kernel refused the per-phase reset.
    static func limitsAndSampling(_ report: Report) -> [String] {
        var out: [String] = []
        if report.partial {
            let command = report.runs.contains { $0.exec != nil } ? "bench exec" : "bench all"
            out += ["The missing runs can be measured into this same report with `\(command) --resume <folder>`, the folder being this report's (`\(report.runId)`).", ""]
        }
        if let limits = report.runs.compactMap(\.limits).first {
            var line = "Each run was capped at \(MemoryLimit.format(limits.memoryCapBytes)) of RSS (watched every few milliseconds from outside; past it the run is killed and recorded as OOM"
            if let data = limits.dataLimitBytes { line += ", with a kernel data limit of \(MemoryLimit.format(data)) behind it" }
            line += ") and given at most \(limits.timeoutSeconds == limits.timeoutSeconds.rounded() ? "\(Int(limits.timeoutSeconds))" : "\(limits.timeoutSeconds)") s."
            out += [line, ""]
        }
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

    /// "1 OOM, 2 ok" / "3 timed out" / "1 failed, 1 OOM, 1 ok".
    static func statusCounts(_ report: Report, _ cell: CellReport) -> String {
        let runs = report.runs.filter { $0.cell == cell.key }
        var parts: [String] = []
        for (status, label) in [(RunResult.Status.failed, "failed"), (.oom, "OOM"), (.timeout, "timed out"), (.ok, "ok")] {
            let count = runs.filter { $0.status == status }.count
            if count > 0 { parts.append("\(count) \(label)") }
        }
        return parts.isEmpty ? "\(cell.failedRuns) failed, \(cell.okRuns) ok" : parts.joined(separator: ", ")
    }
}
