import Foundation
import BenchModel

extension MarkdownReport {
    /// The runs of `bench exec` commands: one row per run with its exit, peaks and log, what
    /// the environment changed, and what the outside proof of the allocator can and cannot show.
    static func execRuns(_ report: Report) -> [String] {
        let runs = report.runs.filter { $0.exec != nil }
        guard !runs.isEmpty else { return [] }
        var out = ["## Command runs", ""]
        out.append("Measured from outside the command: RSS from `/proc/PID/status`, sampled for the process and every descendant (`/proc/PID/task/*/children`). "
            + "The baseline is the process's RSS at its first marker (what it holds before its first marked phase); without markers it is zero and the figures are whole RSS (the first sample falls anywhere in the loader's and interpreter's start-up, too variable to subtract). "
            + "Phases are the `phase NAME` lines the command wrote to the descriptor in `$\(ExecFacts.phaseDescriptorVariable)`; at each one bench reads the process's status, resets the peak of every process of the tree (`5` to `/proc/PID/clear_refs`) and then writes an acknowledgement to `$MEMORYBENCH_PHASE_ACK_FD`: a command that waits for it has exact phase peaks; one that does not gets phases that begin where bench read the marker, marked *sampled*. "
            + "*wait4 peak* is `ru_maxrss` of the command's process (what GNU time reports as \"Maximum resident set size\"): it covers the time since the last marker, and the descendants the process waited for. "
            + "The tree peak is the largest sum over the tree at one sample (shared pages count once per process).")
        out.append("")
        out.append(table(header: ["#", "Variant", "Allocator", "Run", "Result", "Peak", "wait4 peak", "Largest process", "Tree peak (sampled)", "Processes", "Phases", "Wall", "Log"],
                         rows: runs.map { run in
            let exec = run.exec!
            var outcome = run.status == .ok ? "ok" : "\(run.status.rawValue): \(run.reason ?? "")"
            if run.status == .ok, let code = exec.exitCode { outcome += " (exit \(code))" }
            let peak = run.record.map { mebibytes(Double($0.peakBytes)) } ?? "–"
            let largest = exec.largestProcessPeakBytes.map { "\(mebibytes(Double($0))) (\(exec.largestProcess ?? "?"))" } ?? "–"
            return ["\(run.index + 1)", "`\(run.variant)`", run.allocator, "\(run.repetition)", outcome, peak,
                    run.process?.maxRSSBytes.map { mebibytes(Double($0)) } ?? "–", largest,
                    exec.treePeakBytes.map { mebibytes(Double($0)) } ?? "–", "\(exec.processesSeen)",
                    run.record.map { $0.phases.map(\.name).joined(separator: " → ") } ?? "–",
                    run.process.map { String(format: "%.2f s", $0.wallSeconds) } ?? "–",
                    exec.logPath.map { "[\($0)](\($0))" } ?? "–"]
        }, rightAlignedFrom: 5))
        out.append("")
        out.append("**Environment.** The command inherits the caller's environment, minus every allocator variable (`LD_PRELOAD`, `GLIBC_TUNABLES`, `MALLOC_*`, `MIMALLOC_*`, `TCMALLOC_*`, `JEMALLOC_*`, stale `MEMORYBENCH_*`), plus its configuration's variables and `MEMORYBENCH_PHASE_FD`, `MEMORYBENCH_VARIANT`, `MEMORYBENCH_ALLOCATOR`, `MEMORYBENCH_RUN`.")
        var removed: [String: String] = [:]
        for run in runs { removed.merge(run.exec!.environmentRemoved) { old, _ in old } }
        out.append(removed.isEmpty ? "Removed from the caller's environment: nothing."
                   : "Removed from the caller's environment: " + removed.sorted { $0.key < $1.key }.map { "`\($0.key)=\($0.value)`" }.joined(separator: ", ") + ".")
        var seen: [String] = []
        for run in runs where !seen.contains(run.allocator) {
            seen.append(run.allocator)
            let set = run.exec!.environmentSet.filter { !$0.key.hasPrefix("MEMORYBENCH_") }
            out.append("- \(run.allocator): " + (set.isEmpty ? "nothing set" : set.sorted { $0.key < $1.key }.map { "`\($0.key)=\($0.value)`" }.joined(separator: " ")))
        }
        out.append("")
        out.append("**Allocator proof.** A preloaded library must appear in `/proc/PID/maps` (else the run fails: a static or setuid binary ignores `LD_PRELOAD`). For glibc configurations, the maps show that no jemalloc, tcmalloc or mimalloc library was loaded; what cannot be seen from outside is an allocator linked statically into the program, and glibc's arena count (`MALLOC_ARENA_MAX` is set, not checked).")
        for run in runs where run.status == .ok {
            if let proof = run.verified?.proof, !seen.contains("proof:" + run.allocator) {
                seen.append("proof:" + run.allocator)
                out.append("- \(run.allocator): \(proof)")
            }
        }
        out.append("")
        return out
    }
}
