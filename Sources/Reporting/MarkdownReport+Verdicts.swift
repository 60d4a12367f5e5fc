import BenchModel
import Statistics

extension MarkdownReport {
    /// "## Verdicts": one row per scenario (at the size most configurations ran): the fix's
    /// effect on peak, and the configuration with the lowest peak, RSS after release and settled
    /// RSS in the pitfall variant, each against glibc with its verdict. The answer before the
    /// details.
    static func verdictTable(_ report: Report) -> [String] {
        let comparisons = report.comparisons
        guard !comparisons.isEmpty else { return [] }
        var rows: [[String]] = []
        for scenario in report.scenarios {
            guard let size = report.mainSize(of: scenario.name) else { continue }
            let here = comparisons.filter { $0.scenario == scenario.name && $0.size == size }
            // The fix the recommendation names, else the one with the largest effect either way.
            let fix = Recommendation.bestFix(here)
                ?? Recommendation.fixesUnderReference(here).max { abs($0.verdict.effect) < abs($1.verdict.effect) }
            let fixText = fix.map { c in
                "`\(c.candidateVariant)` vs `\(c.referenceVariant)`: \(Findings.change(c.verdict.candidateMedian, from: c.verdict.referenceMedian)) (\(c.verdict.kind.words))"
            } ?? "–"
            // Configurations in the variant the allocator story is about (the recommendation's):
            // the shown fix's pitfall.
            let pitfall = fix?.referenceVariant ?? Recommendation.allocatorVariant(scenario, comparisons: here)
            let allocators = here.filter { $0.kind == .allocator && $0.referenceVariant == pitfall }
            func best(_ metric: Comparison.Metric) -> String {
                let candidates = allocators.filter { $0.metric == metric }
                guard !candidates.isEmpty else { return "–" }
                // Lowest median among the configurations decided lower than glibc; else glibc holds.
                let better = candidates.filter { $0.verdict.kind == .beyondNoise && $0.verdict.effect < 0 }
                if let winner = better.min(by: { $0.verdict.candidateMedian < $1.verdict.candidateMedian }) {
                    return "\(winner.candidateConfiguration): \(mebibytes(winner.verdict.candidateMedian, signed: true)) vs \(mebibytes(winner.verdict.referenceMedian, signed: true)) (\(Findings.change(winner.verdict.candidateMedian, from: winner.verdict.referenceMedian)), beyond noise)"
                }
                let undecided = candidates.filter { $0.verdict.kind == .undecided || $0.verdict.kind == .notJudged }.count
                return "glibc: none lower beyond noise" + (undecided > 0 ? " (\(undecided) undecided)" : "")
            }
            rows.append(["\(scenario.name)\(scenario.sized(size, joiner: ", "))", fixText, "`\(pitfall)`",
                         best(.peak), best(.afterRelease), best(.afterSettle)])
        }
        guard !rows.isEmpty else { return [] }
        return ["## Verdicts", "",
                "The fix's effect on peak under glibc, and the configuration with the lowest figure in the pitfall variant where it is lower than glibc's beyond noise. *Beyond noise*: a t test on the workload's pooled run-to-run noise, a practical floor (at least 5 σ and 2 %), Holm over all \(report.comparisons.count) comparisons of this report; *undecided*: more runs would decide (see Findings).", "",
                table(header: ["Scenario", "Fix (peak)", "Variant", "Best for peak", "Best after release", "Best settled"], rows: rows), ""]
    }

    /// Beside the table: the chart that answers the allocator question (RSS over time, one line
    /// per configuration), else the first scenario's RSS over time at its main size.
    static func headlineChart(_ report: Report, charts: [ChartFile]) -> [String] {
        let byConfiguration = charts.first { $0.name.hasPrefix(ReportCharts.byConfigurationPrefix) && $0.size == report.mainSize(of: $0.scenario) }
        let first = report.scenarios.first.flatMap { scenario in
            charts.first { $0.scenario == scenario.name && $0.size == report.mainSize(of: scenario.name) && $0.name.hasPrefix("rss-") }
        }
        guard let chart = byConfiguration ?? first else { return [] }
        return ["![\(chart.caption)](\(chart.name))", ""]
    }

    /// The smallest difference the cell's peak comparisons could have called beyond noise.
    static func detectable(_ report: Report, _ cell: CellReport) -> String {
        let mine = report.comparisons.filter { $0.metric == .peak && ($0.candidateCell == cell.key || $0.referenceCell == cell.key) }
        guard let smallest = mine.compactMap(\.verdict.smallestDetectableEffect).min() else { return "–" }
        return mebibytes(smallest)
    }

    /// "## A/A check": a configuration that is the reference under another name (e.g.
    /// `--custom-allocator 'glibc-twin base=glibc'`) must never differ beyond noise.
    static func twinCheck(_ report: Report) -> [String] {
        let twins = report.twinConfigurations
        guard !twins.isEmpty else { return [] }
        let about = report.comparisons.filter { $0.kind == .allocator && twins.contains($0.candidateConfiguration) }
        let beyond = about.filter { $0.verdict.kind == .beyondNoise }
        var out = ["## A/A check", "",
                   "\(twins.joined(separator: ", ")) \(twins.count == 1 ? "is" : "are") glibc under another name: any difference from glibc beyond noise is a false finding. "
                   + "\(beyond.count) of \(about.count) comparison(s) about \(twins.count == 1 ? "it" : "them") are beyond noise (expected: 0; the method keeps any false finding in a report under 5 % of suites)."]
        for comparison in beyond {
            out.append("- FALSE FINDING: \(comparison.scenario) `\(comparison.candidateVariant)` \(comparison.metric.words): \(mebibytes(comparison.verdict.candidateMedian, signed: true)) vs \(mebibytes(comparison.verdict.referenceMedian, signed: true)), adjusted p \(String(format: "%.3g", comparison.verdict.adjustedP)).")
        }
        out.append("")
        return out
    }
}

extension Report {
    /// Configurations that are glibc under another name: the same environment variables and the
    /// same worker as glibc's (an A/A twin).
    public var twinConfigurations: [String] {
        let configurations = environment.allocators.map(\.configuration)
        guard let glibc = configurations.first(where: { $0.name == ComparisonPlan.referenceConfiguration }) else { return [] }
        return configurations.filter { $0.name != glibc.name && $0.environment == glibc.environment && $0.worker == glibc.worker }.map(\.name)
    }
}
