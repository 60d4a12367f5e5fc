import BenchModel

/// "## Settle checkpoints": RSS over baseline through the idle time, per configuration: the
/// `settle-…s` checkpoint phases and the final `settle`, for every cell that recorded
/// checkpoints (threaded-churn's threaded variants). Every configuration idled the same times,
/// so the columns compare.
struct SettleCheckpointsSection: ReportSection {
    var report: Report
    static let prefix = "settle-"

    var summary: [Markdown] {
        let prefix = Self.prefix
        var out: [Markdown] = []
        let groups = Dictionary(grouping: report.cells.filter { cell in
            cell.status == .ok && cell.rssAfterPhaseOverBaselineBytes.keys.contains { $0.hasPrefix(prefix) }
        }) { "\($0.key.scenario)\u{0}\($0.key.variant)\u{0}\($0.key.size)" }
        let order = report.cells.map(\.key.allocator)
        for (_, cells) in groups.sorted(by: { $0.key < $1.key }) {
            guard let first = cells.first else { continue }
            // Checkpoint phases in idle-time order, as recorded (`settle-0.5s`, `settle-1s`, …).
            let checkpoints = first.phases.map(\.name).filter { $0.hasPrefix(prefix) }.uniqued()
            let settleSeconds = report.runs.first { $0.cell == first.key }?.record?.checks["settleMillis"].map { Double($0) / 1000 }
            let settleLabel: Markdown = settleSeconds.map { "End of settle (\(String(format: "%g", $0)) s)" } ?? "End of settle"
            if out.isEmpty {
                out += ["## Settle checkpoints", "",
                        "RSS over baseline after `release` and at each idle time, the same under every configuration within each run (median of the runs). "
                            + "The end of `settle` is the settled figure the verdicts compare; in threaded-churn it comes after the idle threads exited, so memory an allocator gives back at thread exit shows there, not at the checkpoints.", ""]
            }
            out += ["**\(first.key.scenario) · \(first.key.variant) · size \(first.key.size)**", ""]
            let header: [Markdown] = ["Configuration", "After release"] + checkpoints.map { "At \(String($0.dropFirst(prefix.count)))" } + [settleLabel]
            let rows: [[Markdown]] = cells.sorted { (order.firstIndex(of: $0.key.allocator) ?? 0) < (order.firstIndex(of: $1.key.allocator) ?? 0) }.map { cell in
                ["\(cell.key.allocator)", MarkdownReport.bytes(cell.rssAfterPhaseOverBaselineBytes["release"])]
                    + checkpoints.map { MarkdownReport.bytes(cell.rssAfterPhaseOverBaselineBytes[$0]) }
                    + [MarkdownReport.bytes(cell.rssAfterPhaseOverBaselineBytes[ComparisonPlan.settlePhase])]
            }
            out += [.table(header: header, rows: rows, rightAlignedFrom: 1), ""]
        }
        return out
    }
}
