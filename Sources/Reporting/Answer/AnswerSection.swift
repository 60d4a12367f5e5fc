import BenchModel
import MemoryProbe
import Statistics

/// The first screen of report.md: the verdict table (one row per scenario at its main size),
/// one recommendation per scenario, the link to the details and the chart that answers the
/// allocator question. Everything here is read from the decisions (`ScenarioDecision`).
struct AnswerSection: ReportSection {
    var report: Report
    var charts: [ChartFile]

    var summary: [Markdown] {
        var out = verdictTable
        let recommendations = report.decisions.scenarios.compactMap(\.recommendation)
        if !recommendations.isEmpty {
            out += ["**What to do**, per scenario (from the verdicts above; each scenario's main size):", ""]
            for recommendation in recommendations {
                let scenario = report.scenario(named: recommendation.scenario)
                out.append("- **\(recommendation.scenario + (scenario?.sized(recommendation.size, joiner: ", ") ?? ""))**: \(recommendation.text)")
            }
            out.append("")
        }
        out += ["Per-phase tables, every figure, every size and every finding: \(MarkdownReport.detailsLink()).", ""]
        return out + headlineChart
    }

    /// "## Verdicts": the fix's effect on peak, and the configuration with the lowest peak, RSS
    /// after release and settled RSS in the pitfall variant, each against glibc with its verdict.
    var verdictTable: [Markdown] {
        guard !report.comparisons.isEmpty else { return [] }
        let rows: [[Markdown]] = report.decisions.scenarios.compactMap { decision in
            guard let scenario = report.scenario(named: decision.scenario) else { return nil }
            let row = decision.verdictRow
            let fix: Markdown = row.fix.map { c in
                "\(code: c.candidateVariant) vs \(code: c.referenceVariant): \(Findings.change(c.verdict.candidateMedian, from: c.verdict.referenceMedian)) (\(c.verdict.kind.words))"
            } ?? "–"
            return ["\(scenario.name + scenario.sized(decision.mainSize, joiner: ", "))", fix, "\(code: row.variant)",
                    Self.cell(row.peak), Self.cell(row.afterRelease), Self.cell(row.afterSettle)]
        }
        guard !rows.isEmpty else { return [] }
        return ["## Verdicts", "",
                "The fix's effect on peak under glibc, and the configuration with the lowest figure in the pitfall variant where it is lower than glibc's beyond noise. *Beyond noise*: a t test on the workload's pooled run-to-run noise, a practical floor (at least 5 σ and 2 %), Holm over all \(report.comparisons.count) comparisons of this report; *undecided*: more runs would decide (see Findings).", "",
                .table(header: ["Scenario", "Fix (peak)", "Variant", "Best for peak", "Best after release", "Best settled"], rows: rows), ""]
    }

    static func cell(_ best: VerdictRow.Best) -> Markdown {
        switch best {
        case .notCompared: return "–"
        case .lower(let winner):
            let v = winner.verdict
            return "\(winner.candidateConfiguration): \(mebibytes(v.candidateMedian, signed: true)) vs \(mebibytes(v.referenceMedian, signed: true)) (\(Findings.change(v.candidateMedian, from: v.referenceMedian)), beyond noise)"
        case .referenceHolds(let undecided):
            return "glibc: none lower beyond noise\(undecided > 0 ? " (\(undecided) undecided)" : "")"
        }
    }

    /// Beside the table: the chart that answers the allocator question (RSS over time, one line
    /// per configuration), else the first scenario's RSS over time at its main size.
    var headlineChart: [Markdown] {
        let byConfiguration = charts.first { $0.name.hasPrefix(RssByConfigurationChart.prefix) && $0.size == report.mainSize(of: $0.scenario) }
        let first = report.decisions.scenarios.first.flatMap { decision in
            charts.first { $0.scenario == decision.scenario && $0.size == decision.mainSize && $0.name.hasPrefix(RssOverTimeChart.prefix) }
        }
        guard let chart = byConfiguration ?? first else { return [] }
        return [chart.image, ""]
    }
}
