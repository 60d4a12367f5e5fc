import Foundation
import BenchModel
import MemoryProbe

/// A scenario's counted cells at one size in details.md: the counts per phase, each fix
/// against its pitfall on allocations made and on memory held, in words, and for `bench exec`
/// which process of the tree made the most; nothing when no cell was counted.
struct CountsTable {
    var report: Report
    var scenario: ScenarioDescription
    var size: Int

    var cells: [CellReport] {
        report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok && AllocatorConfiguration.isCountedName($0.key.allocator) }
    }

    var lines: [Markdown] {
        let cells = self.cells
        var rows: [[Markdown]] = []
        var anyVaries = false
        for cell in cells {
            for counts in PhaseCounts.of(cell.key, in: report) {
                anyVaries = anyVaries || !counts.deterministic
                rows.append(["\(code: cell.key.variant)", "\(cell.key.allocator)", "\(counts.phase)", "\(FigureText.count(counts.mallocs))",
                             "\(FigureText.count(counts.frees))", "\(FigureText.count(counts.reallocs))",
                             "\(mebibytes(counts.bytesRequested, signed: false))",
                             "\(FigureText.count(counts.stillAllocated) + (counts.deterministic ? "" : " *(varies)*"))"])
            }
        }
        guard !rows.isEmpty else { return [] }
        var out: [Markdown] = ["**Allocations** (counted runs, medians; their RSS is instrumented and compared only with other counted runs):", "",
                               .table(header: ["Variant", "Allocator", "Phase", "Mallocs", "Frees", "Reallocs", "Bytes requested", "Still allocated at phase end"],
                                      rows: rows, rightAlignedFrom: 3), ""]
        if anyVaries {
            out += ["Counts marked *(varies)* differed between runs (threads, timers or lazily initialised state): compare them with a tolerance.", ""]
        }
        let sentences = againstRetention(cells) + execTree(cells)
        if !sentences.isEmpty { out += sentences.map { "- \($0)" } + [""] }
        return out
    }

    /// `bench exec`: a counted run's counts are the sum over the command's tree; which process made the most.
    func execTree(_ cells: [CellReport]) -> [String] {
        let keys = Set(cells.map(\.key))
        return report.runs.filter { keys.contains($0.cell) && $0.status == .ok }.compactMap { run in
            guard let processes = run.exec?.countedProcesses, let largest = run.exec?.largestAllocatingProcess else { return nil }
            return "\(Markdown.code(run.variant)) × \(run.allocator), run \(run.repetition): counts summed over \(processes) process\(processes == 1 ? "" : "es") of the command's tree; most mallocs: \(largest)."
        }
    }

    /// "`batched` makes 2 % fewer allocations than `load-all` (…) but holds 87 % less at peak (…)".
    func againstRetention(_ cells: [CellReport]) -> [String] {
        var lines: [String] = []
        for pair in scenario.comparisons {
            for pitfall in cells where pitfall.key.variant == pair.pitfall {
                guard let fix = cells.first(where: { $0.key.variant == pair.fix && $0.key.allocator == pitfall.key.allocator }) else { continue }
                let measured = { (cell: CellReport) in PhaseCounts.of(cell.key, in: report).filter { !$0.verification } }
                let (pitfallMallocs, fixMallocs) = (measured(pitfall).map(\.mallocs).reduce(0, +), measured(fix).map(\.mallocs).reduce(0, +))
                let varies = !(measured(pitfall) + measured(fix)).allSatisfy(\.deterministic)
                guard pitfallMallocs > 0 else { continue }
                let share = Self.relative(fixMallocs, pitfallMallocs, more: "more", fewer: "fewer")
                var text = "\(Markdown.code(pair.fix)) makes \(share) allocations \(share == "as many" ? "as" : "than") \(Markdown.code(pair.pitfall)) "
                    + "(\(FigureText.count(fixMallocs)) vs \(FigureText.count(pitfallMallocs)) mallocs under \(pitfall.key.allocator)\(varies ? ", medians: the counts vary between runs" : ""))"
                if let fixPeak = fix.peakOverBaselineBytes?.median, let pitfallPeak = pitfall.peakOverBaselineBytes?.median, pitfallPeak > 0 {
                    let churnDown = fixMallocs < pitfallMallocs
                    let heldDown = fixPeak < pitfallPeak
                    text += churnDown == heldDown ? " and " : " but "
                    text += "holds \(Self.relative(fixPeak, pitfallPeak, more: "more", fewer: "less")) at peak "
                        + "(\(mebibytes(fixPeak, signed: true)) vs \(mebibytes(pitfallPeak, signed: true)) over baseline)"
                    text += churnDown == heldDown ? "." : ": churn and retention tell different stories."
                } else {
                    text += "."
                }
                lines.append(text)
            }
        }
        return lines
    }

    static func relative(_ value: Double, _ reference: Double, more: String, fewer: String) -> String {
        let percent = (value - reference) / reference * 100
        if abs(percent) < 0.05 { return "as many" }
        return String(format: "%.*f %% ", abs(percent) < 10 ? 1 : 0, abs(percent)) + (percent > 0 ? more : fewer)
    }
}
