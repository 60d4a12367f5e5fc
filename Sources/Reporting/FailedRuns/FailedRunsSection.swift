import BenchModel

/// "## Failed and skipped runs": every cell with a run that did not finish, with how its runs
/// ended and why, right after the answer (its findings lead the Problems group).
struct FailedRunsSection: ReportSection {
    var report: Report

    var summary: [Markdown] {
        let bad = report.cells.filter { $0.status != .ok || $0.failedRuns > 0 }
        guard !bad.isEmpty else { return [] }
        let rows: [[Markdown]] = bad.map { cell in
            let status = cell.status == .skipped ? "skipped" : statusCounts(cell)
            return ["\(cell.key.scenario)", "\(cell.key.variant)", "\(cell.key.allocator)", "\(grouped(cell.key.size))", "\(status)",
                    "\(cell.reasons.joined(separator: "; "))"]
        }
        return ["## Failed and skipped runs", "",
                .table(header: ["Scenario", "Variant", "Allocator", "Size", "Status", "Reason"], rows: rows), ""]
    }

    /// "1 OOM, 2 ok" / "3 timed out" / "1 failed, 1 OOM, 1 ok".
    func statusCounts(_ cell: CellReport) -> String {
        let runs = report.runs.filter { $0.cell == cell.key }
        var parts: [String] = []
        for (status, label) in [(RunResult.Status.failed, "failed"), (.oom, "OOM"), (.timeout, "timed out"), (.ok, "ok")] {
            let count = runs.filter { $0.status == status }.count
            if count > 0 { parts.append("\(count) \(label)") }
        }
        return parts.isEmpty ? "\(cell.failedRuns) failed, \(cell.okRuns) ok" : parts.joined(separator: ", ")
    }
}
