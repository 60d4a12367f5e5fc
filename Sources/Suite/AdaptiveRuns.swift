import Foundation
import BenchModel
import Reporting

/// `--runs` is the minimum: after the planned runs, every cell of a comparison that is still
/// undecided (and that more runs would decide) runs once more, interleaved with the others,
/// round after round, until nothing is undecided, a cell has `maxRuns` runs, or the next round
/// would take the suite past `budgetSeconds`. As hyperfine's --min-runs/--max-runs, with the
/// stopping rule of the verdicts themselves.
public struct AdaptiveRuns: Codable, Sendable, Equatable {
    /// Runs per cell at most (≤ the plan's runs: no adaptive runs).
    public var maxRuns: Int
    /// The suite's whole wall time that a further round may not exceed, seconds.
    public var budgetSeconds: Double

    public init(maxRuns: Int, budgetSeconds: Double) {
        self.maxRuns = maxRuns
        self.budgetSeconds = budgetSeconds
    }

    /// Runs rounds until the comparisons are decided or a limit is reached; appends to `results`.
    /// `judge` builds an interim report of the results so far (its comparisons say what is undecided).
    func run(plan: RunPlan, runner: Runner, allocators: [AllocatorConfiguration], results: inout [RunResult],
             progress: ProgressReporter, elapsedBefore: Double, start: Date, judge: ([RunResult]) -> Report) throws {
        var round = max(plan.runs, results.map(\.repetition).max() ?? 0)
        while round < maxRuns, runner.interruption == nil {
            let interim = judge(results)
            let cells = interim.cellsToDecide
            guard !cells.isEmpty else { return }
            let undecided = interim.comparisonsToDecide.count
            let next = plan.repetition(round + 1, of: cells)
            // A round takes about what these cells' runs took so far.
            var seconds: [CellKey: [Double]] = [:]
            for result in results { if let wall = result.process?.wallSeconds { seconds[result.cell, default: []].append(wall) } }
            let estimate = next.entries.reduce(0.0) { total, entry in
                let walls = seconds[entry.cell] ?? []
                return total + (walls.isEmpty ? 1 : walls.reduce(0, +) / Double(walls.count))
            }
            let elapsed = Date().timeIntervalSince(start) + elapsedBefore
            guard elapsed + estimate <= budgetSeconds else {
                progress.say(String(format: "adaptive runs: %d comparison(s) still undecided; the next round (~%.0f s) would pass the %.0f s budget, so they stay undecided", undecided, estimate, budgetSeconds))
                return
            }
            round += 1
            progress.say(String(format: "adaptive round: run %d of %d cell(s), to decide %d undecided comparison(s) (~%.0f s)", round, cells.count, undecided, estimate))
            results += try runner.measure(next, allocators: allocators).results
        }
    }
}
