import Foundation
import BenchModel
import MemoryProbe

/// Allocation counts of counted runs (`NAME+count`), per phase, medians over runs.
struct PhaseCounts {
    var phase: String
    var mallocs: Double
    var frees: Double
    var reallocs: Double
    var bytesRequested: Double
    /// Whether every run counted the same (single-threaded work does; threads and timers need not).
    var deterministic: Bool
    /// A check of the output, left out of a variant's total.
    var verification = false
    var stillAllocated: Double { mallocs - frees }
}

extension Report {
    /// The cell's per-phase counts in phase order, empty for an uncounted cell.
    func phaseCounts(_ key: CellKey) -> [PhaseCounts] {
        let records = runs.filter { $0.status == .ok && $0.cell == key }.compactMap(\.record)
        var order: [String] = []
        var byPhase: [String: [AllocationCounts]] = [:]
        var checks: Set<String> = []
        for record in records {
            for phase in record.phases {
                guard let counts = phase.allocations else { continue }
                if phase.verification == true { checks.insert(phase.name) }
                if byPhase[phase.name] == nil { order.append(phase.name) }
                byPhase[phase.name, default: []].append(counts)
            }
        }
        return order.compactMap { name in
            guard let all = byPhase[name], let mallocs = Summary(all.map { Double($0.mallocs) }),
                  let frees = Summary(all.map { Double($0.frees) }), let reallocs = Summary(all.map { Double($0.reallocs) }),
                  let bytes = Summary(all.map { Double($0.bytesRequested) }) else { return nil }
            return PhaseCounts(phase: name, mallocs: mallocs.median, frees: frees.median, reallocs: reallocs.median,
                               bytesRequested: bytes.median, deterministic: Set(all.map { [$0.mallocs, $0.frees, $0.reallocs] }).count == 1,
                               verification: checks.contains(name))
        }
    }
}

extension MarkdownReport {
    /// The counts table of a scenario's counted cells, and each fix against its pitfall on
    /// allocations made and on memory held, in words; nothing when no cell was counted.
    static func countsSection(_ report: Report, scenario: ScenarioDescription, size: Int) -> [String] {
        let cells = report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok && AllocatorConfiguration.isCountedName($0.key.allocator) }
        var rows: [[String]] = []
        var anyVaries = false
        for cell in cells {
            for counts in report.phaseCounts(cell.key) {
                anyVaries = anyVaries || !counts.deterministic
                rows.append(["`\(cell.key.variant)`", cell.key.allocator, counts.phase, count(counts.mallocs), count(counts.frees),
                             count(counts.reallocs), mebibytes(counts.bytesRequested, signed: false),
                             count(counts.stillAllocated) + (counts.deterministic ? "" : " *(varies)*")])
            }
        }
        guard !rows.isEmpty else { return [] }
        var out = ["**Allocations** (counted runs, medians; their RSS is instrumented and compared only with other counted runs):", ""]
        out.append(table(header: ["Variant", "Allocator", "Phase", "Mallocs", "Frees", "Reallocs", "Bytes requested", "Still allocated at phase end"],
                         rows: rows, rightAlignedFrom: 3))
        out.append("")
        if anyVaries {
            out.append("Counts marked *(varies)* differed between runs (threads, timers or lazily initialised state): compare them with a tolerance.")
            out.append("")
        }
        out += countsAgainstRetention(report, scenario: scenario, cells: cells).map { "- \($0)" }
        out += execTreeCounts(report, cells: cells).map { "- \($0)" }
        if out.last?.hasPrefix("- ") == true { out.append("") }
        return out
    }

    /// `bench exec`: a counted run's counts are the sum over the command's tree; which process made the most.
    static func execTreeCounts(_ report: Report, cells: [CellReport]) -> [String] {
        let keys = Set(cells.map(\.key))
        return report.runs.filter { keys.contains($0.cell) && $0.status == .ok }.compactMap { run in
            guard let processes = run.exec?.countedProcesses, let largest = run.exec?.largestAllocatingProcess else { return nil }
            return "`\(run.variant)` × \(run.allocator), run \(run.repetition): counts summed over \(processes) process\(processes == 1 ? "" : "es") of the command's tree; most mallocs: \(largest)."
        }
    }

    /// "`batched` makes 2 % fewer allocations than `load-all` (…) but holds 87 % less at peak (…)".
    static func countsAgainstRetention(_ report: Report, scenario: ScenarioDescription, cells: [CellReport]) -> [String] {
        var lines: [String] = []
        for pair in scenario.comparisons {
            for pitfall in cells where pitfall.key.variant == pair.pitfall {
                guard let fix = cells.first(where: { $0.key.variant == pair.fix && $0.key.allocator == pitfall.key.allocator }) else { continue }
                let measured = { (cell: CellReport) in report.phaseCounts(cell.key).filter { !$0.verification } }
                let (pitfallMallocs, fixMallocs) = (measured(pitfall).map(\.mallocs).reduce(0, +), measured(fix).map(\.mallocs).reduce(0, +))
                let varies = !(measured(pitfall) + measured(fix)).allSatisfy(\.deterministic)
                guard pitfallMallocs > 0 else { continue }
                let share = relative(fixMallocs, pitfallMallocs, more: "more", fewer: "fewer")
                var text = "`\(pair.fix)` makes \(share) allocations \(share == "as many" ? "as" : "than") `\(pair.pitfall)` "
                    + "(\(count(fixMallocs)) vs \(count(pitfallMallocs)) mallocs under \(pitfall.key.allocator)\(varies ? ", medians: the counts vary between runs" : ""))"
                if let fixPeak = fix.peakOverBaselineBytes?.median, let pitfallPeak = pitfall.peakOverBaselineBytes?.median, pitfallPeak > 0 {
                    let churnDown = fixMallocs < pitfallMallocs
                    let heldDown = fixPeak < pitfallPeak
                    text += churnDown == heldDown ? " and " : " but "
                    text += "holds \(relative(fixPeak, pitfallPeak, more: "more", fewer: "less")) at peak "
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

    static func count(_ value: Double) -> String {
        let rounded = Int(value.rounded())
        let digits = String(abs(rounded))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (rounded < 0 ? "−" : "") + grouped
    }
}
