import Foundation
import BenchModel

/// "## Command runs": the runs of `bench exec` commands, one row per run with its exit, peaks
/// and log, what the environment changed, and what the outside proof of the allocator can and
/// cannot show.
struct ExecRunsSection: ReportSection {
    var report: Report

    var summary: [Markdown] {
        let runs = report.runs.compactMap { run in run.exec.map { (run: run, exec: $0) } }
        guard !runs.isEmpty else { return [] }
        var out: [Markdown] = ["## Command runs", ""]
        out.append("Measured from outside the command: RSS from `/proc/PID/status`, sampled for the process and every descendant (`/proc/PID/task/*/children`). "
            + "The baseline is the process's RSS at its first marker (what it holds before its first marked phase); without markers it is zero and the figures are whole RSS (the first sample falls anywhere in the loader's and interpreter's start-up, too variable to subtract). "
            + "Phases are the `phase NAME` lines the command wrote to the descriptor in \(code: "$" + ExecFacts.phaseDescriptorVariable); at each one bench reads the process's status, resets the peak of every process of the tree (`5` to `/proc/PID/clear_refs`) and then writes an acknowledgement to `$MEMORYBENCH_PHASE_ACK_FD`: a command that waits for it has exact phase peaks; one that does not gets phases that begin where bench read the marker, marked *sampled*. "
            + "*wait4 peak* is `ru_maxrss` of the command's process (what GNU time reports as \"Maximum resident set size\"): it covers the time since the last marker, and the descendants the process waited for. "
            + "The tree peak is the largest sum over the tree at one sample (shared pages count once per process).")
        out.append("")
        out.append(.table(header: ["#", "Variant", "Allocator", "Run", "Result", "Peak", "wait4 peak", "Largest process", "Tree peak (sampled)", "Processes", "Phases", "Wall", "Log"],
                          rows: runs.map(row), rightAlignedFrom: 5))
        out.append("")
        out.append("**Environment.** The command inherits the caller's environment, minus every allocator variable (`LD_PRELOAD`, `GLIBC_TUNABLES`, `MALLOC_*`, `MIMALLOC_*`, `TCMALLOC_*`, `JEMALLOC_*`, stale `MEMORYBENCH_*`), plus its configuration's variables and `MEMORYBENCH_PHASE_FD`, `MEMORYBENCH_VARIANT`, `MEMORYBENCH_ALLOCATOR`, `MEMORYBENCH_RUN`.")
        var removed: [String: String] = [:]
        for (_, exec) in runs { removed.merge(exec.environmentRemoved) { old, _ in old } }
        out.append(removed.isEmpty ? "Removed from the caller's environment: nothing."
                   : "Removed from the caller's environment: \(Self.settings(removed, separator: ", ")).")
        for allocator in runs.map(\.run.allocator).uniqued() {
            let set = runs.first { $0.run.allocator == allocator }?.exec.environmentSet.filter { !$0.key.hasPrefix("MEMORYBENCH_") } ?? [:]
            out.append("- \(allocator): \(set.isEmpty ? "nothing set" : Self.settings(set, separator: " "))")
        }
        out.append("")
        out.append("**Allocator proof.** A preloaded library must appear in `/proc/PID/maps` (else the run fails: a static or setuid binary ignores `LD_PRELOAD`). For glibc configurations, the maps show that no jemalloc, tcmalloc or mimalloc library was loaded; what cannot be seen from outside is an allocator linked statically into the program, and glibc's arena count (`MALLOC_ARENA_MAX` is set, not checked).")
        var proved: [String] = []
        for (run, _) in runs where run.status == .ok && !proved.contains(run.allocator) {
            guard let proof = run.verified?.proof else { continue }
            proved.append(run.allocator)
            out.append("- \(run.allocator): \(proof)")
        }
        return out + [""]
    }

    func row(_ run: RunResult, _ exec: ExecFacts) -> [Markdown] {
        var outcome = run.status == .ok ? "ok" : "\(run.status.rawValue): \(run.reason ?? "")"
        if run.status == .ok, let code = exec.exitCode { outcome += " (exit \(code))" }
        let largest = exec.largestProcessPeakBytes.map { "\(mebibytes(Double($0))) (\(exec.largestProcess ?? "?"))" } ?? "–"
        return ["\(run.index + 1)", "\(code: run.variant)", "\(run.allocator)", "\(run.repetition)", "\(outcome)",
                "\(run.record.map { mebibytes(Double($0.peakBytes)) } ?? "–")",
                "\(run.process?.maxRSSBytes.map { mebibytes(Double($0)) } ?? "–")", "\(largest)",
                "\(exec.treePeakBytes.map { mebibytes(Double($0)) } ?? "–")", "\(exec.processesSeen)",
                "\(run.record.map { $0.phases.map(\.name).joined(separator: " → ") } ?? "–")",
                "\(run.process.map { String(format: "%.2f s", $0.wallSeconds) } ?? "–")",
                exec.logPath.map { "[\($0)](\($0))" } ?? "–"]
    }

    /// "`KEY=value`" per variable, sorted by name.
    static func settings(_ variables: [String: String], separator: String) -> Markdown {
        .joined(variables.sorted { $0.key < $1.key }.map { "\(code: "\($0.key)=\($0.value)")" }, separator: separator)
    }
}
