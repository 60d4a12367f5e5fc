import BenchModel
import MemoryProbe

/// The findings that come before any comparison: what did not work, and where variants did not
/// do the same work.
extension Findings {
    /// One finding per cell with a failed, out-of-memory or timed-out run, worst first, so the
    /// summary starts with what did not work: "… load-all × glibc: 1 of 1 run OOM at the cap
    /// (512 MiB) in phase `load`: last RSS sample 509.3 MiB at 3.10 s."
    static func failureFindings(_ report: Report) -> [Finding] {
        let order: [RunResult.Status] = [.oom, .timeout, .failed]
        let failing = report.cells.filter { $0.failedRuns > 0 }
            .sorted { (order.firstIndex(of: $0.status) ?? order.count) < (order.firstIndex(of: $1.status) ?? order.count) }
        return failing.map { cell in
            let total = report.runs.filter { $0.cell == cell.key && $0.status != .skipped }.count
            let text = "\(cell.key.scenario) \(cell.key.variant) × \(cell.key.allocator) at \(grouped(cell.key.size)): "
                + "\(cell.failedRuns) of \(total) run\(total == 1 ? "" : "s"): \(cell.reasons.joined(separator: "; "))."
            return Finding(kind: .failure, scenario: cell.key.scenario, size: cell.key.size, variants: [cell.key.variant],
                           configurations: [cell.key.allocator], text: text, beyondNoise: true)
        }
    }

    /// Where a variant ran out of memory at the cap and another finished under the same
    /// configurations: the seeds' out-of-memory story, measured.
    static func capFindings(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        for scenario in report.scenarios {
            for size in report.sizes(of: scenario.name) {
                let cells = report.cells(scenario: scenario.name, size: size)
                for variant in scenario.variants {
                    let oom = cells.filter { $0.key.variant == variant.name && $0.status == .oom }
                    guard !oom.isEmpty else { continue }
                    let allocators = oom.map(\.key.allocator)
                    let runs = report.runs.filter { $0.cell.scenario == scenario.name && $0.size == size && $0.variant == variant.name && $0.status == .oom }
                    let cap = runs.compactMap { $0.fault?.capBytes }.first.map(MemoryLimit.format) ?? "memory"
                    let phases = Set(runs.compactMap { $0.fault?.phaseDescription }).sorted().joined(separator: ", ")
                    for other in scenario.variants where other.name != variant.name {
                        let finished = cells.filter { $0.key.variant == other.name && allocators.contains($0.key.allocator) && $0.status == .ok }
                        let peaks = finished.compactMap { $0.peakOverBaselineBytes?.median }
                        guard let low = peaks.min(), let high = peaks.max() else { continue }
                        let range = low == high ? mebibytes(low, signed: true)
                            : "\(mebibytes(low, signed: true).dropLast(4))–\(mebibytes(high, signed: false))"
                        findings.append(Finding(kind: .memoryCap, scenario: scenario.name, size: size, variants: [variant.name, other.name],
                                                configurations: allocators, text:
                            "\(scenario.name) at \(grouped(size)) \(scenario.sizeUnit): \(variant.name) ran out of memory at the \(cap) cap (\(phases)) under \(allocators.joined(separator: ", ")), while \(other.name) finished under \(finished.map(\.key.allocator).joined(separator: ", ")) with a peak of \(range) over its baseline.",
                            beyondNoise: true))
                    }
                }
            }
        }
        return findings
    }

    /// One finding per pair of variants (or variant) whose runs did different work: a check they
    /// must agree on differs, so their comparison is left out (`Report.differentWork`).
    static func figureMismatches(_ report: Report) -> [Finding] {
        report.differentWork.map { mismatch in
            Finding(kind: .outputMismatch, scenario: mismatch.scenario, size: mismatch.size, variants: mismatch.variants,
                    configurations: mismatch.configurations, text: report.sentence(mismatch), beyondNoise: true)
        }
    }
}
