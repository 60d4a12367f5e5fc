import Foundation
import BenchModel
import MemoryProbe
import Statistics

/// The report's comparisons in plain words, most important first: failures, then differences
/// beyond noise (largest first), then undecided ones, then what made no difference, then growth
/// over the sweeps and the soaks' creep. Every verdict comes from `Report.decideComparisons`
/// (pooled workload noise, a practical floor, Holm over the whole report) or the report's
/// decisions (`ReportDecisions`); a sentence only says it.
public enum Findings {
    /// A finding with how much it matters (the difference in bytes), for ordering.
    struct Ranked {
        var finding: Finding
        var weight: Double
    }

    /// Needs the report's comparisons and decisions.
    public static func derive(from report: Report) -> [Finding] {
        // Runs that failed, ran out of memory or timed out come first, one finding per cell.
        var findings = failureFindings(report) + capFindings(report)
        let ok = report.cells.filter { $0.status == .ok }
        if !ok.isEmpty && ok.allSatisfy({ $0.okRuns < 2 }) {
            findings.append(Finding(kind: .note, scenario: nil, text: "Every cell has a single run, so no spread is known and no difference below is judged; use --runs 3 or more to judge.", beyondNoise: false))
        }
        findings += figureMismatches(report)
        var ranked: [Ranked] = []
        let settledTooSoon = ComparisonPlan.settledBeforeDecay(report)
        for scenario in report.scenarios {
            for size in report.sizes(of: scenario.name) {
                let here = report.comparisons.filter { $0.scenario == scenario.name && $0.size == size }
                ranked += variantFindings(scenario: scenario, size: size, comparisons: here.filter { $0.kind.isVariantComparison })
                ranked += allocatorFindings(scenario: scenario, size: size, comparisons: here.filter { $0.kind == .allocator },
                                            settledTooSoon: settledTooSoon.filter { $0.cell.scenario == scenario.name && $0.cell.size == size })
            }
        }
        return findings + ordered(ranked) + GrowthLine.findings(report) + CreepLine.findings(report)
    }

    /// Beyond noise first (largest first), then lines beyond noise in part (an allocator whose
    /// settled state is not), then undecided, then the rest in report order.
    static func ordered(_ ranked: [Ranked]) -> [Finding] {
        func rank(_ finding: Finding) -> Int {
            if finding.verdict == .beyondNoise { return 0 }
            if finding.beyondNoise { return 1 }
            return finding.verdict == .undecided ? 2 : 3
        }
        return ranked.enumerated().sorted { a, b in
            let (x, y) = (rank(a.element.finding), rank(b.element.finding))
            if x != y { return x < y }
            if x <= 1 && a.element.weight != b.element.weight { return a.element.weight > b.element.weight }
            return a.offset < b.offset
        }.map(\.element.finding)
    }
}
