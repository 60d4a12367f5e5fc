import Foundation
import BenchModel

/// "## Service runs": `bench exec --duration` runs, when the service was ready, how it ended,
/// its load, and the measured window's peak both ways (sum over the tree, largest process).
struct ServiceRunsSection: ReportSection {
    var report: Report

    var summary: [Markdown] {
        let runs = report.runs.compactMap { run in run.exec?.service.map { (run: run, service: $0) } }
        guard !runs.isEmpty else { return [] }
        return ["## Service runs", "",
                "Each run lasted `--duration` from when the service was ready (the `serve` phase), then bench sent SIGTERM: the normal end of a service run (SIGKILL after `--grace` if it had not exited). "
                    + "The load command ran beside it, outside its process tree, so its memory is not counted. "
                    + "*Window peak* is sampled over the `serve` phase: the sum of RSS over the command's tree, and its largest single process; `--measure` chose which one is the run's figure.", "",
                .table(header: ["#", "Allocator", "Run", "Result", "Measure", "Ready after", "Ending", "Window peak (tree)", "Window peak (largest process)", "Load"],
                       rows: runs.map(row), rightAlignedFrom: 7), ""]
    }

    func row(_ run: RunResult, _ service: ExecServiceFacts) -> [Markdown] {
        ["\(run.index + 1)", "\(run.allocator)", "\(run.repetition)", "\(run.status == .ok ? "ok" : "\(run.status.rawValue): \(run.reason ?? "")")",
         "\(service.measure.rawValue)",
         "\(service.readySeconds.map { String(format: "%.2f s (%@)", $0, service.readyBy ?? "") } ?? "at the start")",
         "\(service.ending ?? "–")",
         "\(service.windowTreePeakBytes.map { mebibytes(Double($0)) } ?? "–")",
         "\(service.windowLargestProcessPeakBytes.map { mebibytes(Double($0)) } ?? "–")", load(service)]
    }

    /// How the load command ended, with its log: "stopped at the end after 4.0 s ([log](…))".
    func load(_ service: ExecServiceFacts) -> Markdown {
        guard service.loadCommand != nil else { return "–" }
        var load = "–"
        if service.loadStopped == true {
            load = "stopped at the end"
        } else if let code = service.loadExitCode {
            load = "exit \(code)"
        } else if let signal = service.loadSignal {
            load = "signal \(signal)"
        }
        if let wall = service.loadWallSeconds { load += String(format: " after %.1f s", wall) }
        guard let log = service.loadLogPath else { return "\(load)" }
        return "\(load) ([log](\(log)))"
    }
}
