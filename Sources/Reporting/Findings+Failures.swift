import Harness

extension Findings {
    /// One finding per cell with a failed, out-of-memory or timed-out run, worst first, so the
    /// summary starts with what did not work: "… load-all × glibc: 1 of 1 run OOM at the cap
    /// (512 MiB) in phase `load`: last RSS sample 509.3 MiB at 3.10 s."
    static func failureFindings(_ report: Report) -> [Finding] {
        let order: [RunResult.Status] = [.oom, .timeout, .failed]
        let failing = report.cells.filter { $0.failedRuns > 0 }
            .sorted { (order.firstIndex(of: $0.status) ?? order.count) < (order.firstIndex(of: $1.status) ?? order.count) }
        return failing.map { cell in
            let runs = report.runs.filter { $0.cell == cell.key }
            let total = runs.filter { $0.status != .skipped }.count
            let text = "\(cell.key.scenario) \(cell.key.variant) × \(cell.key.allocator) at \(grouped(cell.key.size)): "
                + "\(cell.failedRuns) of \(total) run\(total == 1 ? "" : "s"): \(cell.reasons.joined(separator: "; "))."
            return Finding(scenario: cell.key.scenario, text: text, beyondNoise: true)
        }
    }
}
