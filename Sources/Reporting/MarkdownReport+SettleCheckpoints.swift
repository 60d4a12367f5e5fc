import BenchModel

extension MarkdownReport {
    /// RSS over baseline through the idle time, per configuration: the `settle-…s` checkpoint
    /// phases and the final `settle`, for every cell that recorded checkpoints (threaded-churn's
    /// threaded variants). Every configuration idled the same times, so the columns compare.
    static func settleCheckpoints(_ report: Report) -> [String] {
        let prefix = "settle-"
        var out: [String] = []
        let groups = Dictionary(grouping: report.cells.filter { cell in
            cell.status == .ok && cell.rssAfterPhaseOverBaselineBytes.keys.contains { $0.hasPrefix(prefix) }
        }) { "\($0.key.scenario)\u{0}\($0.key.variant)\u{0}\($0.key.size)" }
        for (_, cells) in groups.sorted(by: { $0.key < $1.key }) {
            guard let first = cells.first else { continue }
            // Checkpoint phases in idle-time order, as recorded (`settle-0.5s`, `settle-1s`, …).
            var checkpoints: [String] = []
            for phase in first.phases.map(\.name) where phase.hasPrefix(prefix) && !checkpoints.contains(phase) { checkpoints.append(phase) }
            let settleSeconds = report.runs.first { $0.cell == first.key }?.record?.checks["settleMillis"].map { Double($0) / 1000 }
            let settleLabel = settleSeconds.map { "End of settle (\(String(format: "%g", $0)) s)" } ?? "End of settle"
            if out.isEmpty {
                out += ["## Settle checkpoints", "",
                        "RSS over baseline after `release` and at each idle time, the same under every configuration within each run (median of the runs). "
                            + "The end of `settle` is the settled figure the verdicts compare; in threaded-churn it comes after the idle threads exited, so memory an allocator gives back at thread exit shows there, not at the checkpoints.", ""]
            }
            out.append("**\(first.key.scenario) · \(first.key.variant) · size \(first.key.size)**")
            out.append("")
            let header = ["Configuration", "After release"] + checkpoints.map { "At \($0.dropFirst(prefix.count))" } + [settleLabel]
            let order = report.cells.map(\.key.allocator)
            let rows = cells.sorted { (order.firstIndex(of: $0.key.allocator) ?? 0) < (order.firstIndex(of: $1.key.allocator) ?? 0) }.map { cell in
                [cell.key.allocator, bytes(cell.rssAfterPhaseOverBaselineBytes["release"])]
                    + checkpoints.map { bytes(cell.rssAfterPhaseOverBaselineBytes[$0]) }
                    + [bytes(cell.rssAfterPhaseOverBaselineBytes["settle"])]
            }
            out.append(table(header: header, rows: rows, rightAlignedFrom: 1))
            out.append("")
        }
        return out
    }
}
