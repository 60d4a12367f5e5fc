import BenchModel

extension MarkdownReport {
    /// `bench exec --duration` runs: when the service was ready, how it ended, its load, and
    /// the measured window's peak both ways (sum over the tree, largest process).
    static func serviceRuns(_ report: Report) -> [String] {
        let runs = report.runs.filter { $0.exec?.service != nil }
        guard !runs.isEmpty else { return [] }
        var out = ["## Service runs", ""]
        out.append("Each run lasted `--duration` from when the service was ready (the `serve` phase), then bench sent SIGTERM: the normal end of a service run (SIGKILL after `--grace` if it had not exited). "
            + "The load command ran beside it, outside its process tree, so its memory is not counted. "
            + "*Window peak* is sampled over the `serve` phase: the sum of RSS over the command's tree, and its largest single process; `--measure` chose which one is the run's figure.")
        out.append("")
        out.append(table(header: ["#", "Allocator", "Run", "Result", "Measure", "Ready after", "Ending", "Window peak (tree)", "Window peak (largest process)", "Load"],
                         rows: runs.map { run in
            let service = run.exec!.service!
            var load = "–"
            if service.loadCommand != nil {
                if service.loadStopped == true {
                    load = "stopped at the end"
                } else if let code = service.loadExitCode {
                    load = "exit \(code)"
                } else if let signal = service.loadSignal {
                    load = "signal \(signal)"
                }
                if let wall = service.loadWallSeconds { load += String(format: " after %.1f s", wall) }
                if let log = service.loadLogPath { load += " ([log](\(log)))" }
            }
            return ["\(run.index + 1)", run.allocator, "\(run.repetition)", run.status == .ok ? "ok" : "\(run.status.rawValue): \(run.reason ?? "")",
                    service.measure.rawValue,
                    service.readySeconds.map { String(format: "%.2f s (%@)", $0, service.readyBy ?? "") } ?? "at the start",
                    service.ending ?? "–",
                    service.windowTreePeakBytes.map { mebibytes(Double($0)) } ?? "–",
                    service.windowLargestProcessPeakBytes.map { mebibytes(Double($0)) } ?? "–", load]
        }, rightAlignedFrom: 7))
        out.append("")
        return out
    }
}
