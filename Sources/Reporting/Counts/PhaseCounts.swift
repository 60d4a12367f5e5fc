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

    /// The cell's per-phase counts in phase order, empty for an uncounted cell.
    static func of(_ key: CellKey, in report: Report) -> [PhaseCounts] {
        var order: [String] = []
        var byPhase: [String: [AllocationCounts]] = [:]
        var checks: Set<String> = []
        for record in report.okRecords(of: key) {
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
