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

    /// "## Verdicts": per scenario at its main size, the recommendation's parts in one row: what
    /// to change in the code, in the allocator, and what that may cost. Read from the same
    /// `Recommendation` as "What to do", so the two name the same configuration.
    var verdictTable: [Markdown] {
        guard !report.comparisons.isEmpty else { return [] }
        let rows: [[Markdown]] = report.decisions.scenarios.compactMap { decision in
            guard let scenario = report.scenario(named: decision.scenario), let recommendation = decision.recommendation else { return nil }
            return ["\(scenario.name + scenario.sized(decision.mainSize, joiner: ", "))", Self.codeCell(recommendation),
                    Self.allocatorCell(recommendation), Self.costCell(recommendation)]
        }
        guard !rows.isEmpty else { return [] }
        return ["## Verdicts", "",
                "What each scenario's measurements advise (the same answer as \"What to do\" below, which says on what job it was measured). *Beyond noise*: a t test on the workload's pooled run-to-run noise past a practical floor (at least 5 σ and 2 %), Holm over all \(report.comparisons.count) comparisons of this report; *within* a margin fixed before the noise is seen (2 % of the reference or the instrument's floor); *undecided*: neither, and a noise wider than the margin is undecided, never \"no difference\". *What it may cost*: every figure the change makes worse beyond noise or leaves undecided in the worse direction.", "",
                .table(header: ["Scenario", "Code", "Allocator", "What it may cost"], rows: rows), ""]
    }

    static func codeCell(_ recommendation: Recommendation) -> Markdown {
        if let code = recommendation.code, let figure = code.improves {
            let verb: Markdown = code.action == .fixCode ? "fix: \(code: code.variant) instead of \(code: code.instead ?? "")"
                : "\(code: code.variant) over \(code: code.instead ?? "")"
            return "\(verb): \(short(figure))"
        }
        if let control = recommendation.controls.first {
            return "\(code: control.candidateVariant) against its control \(code: control.referenceVariant): \(short(control)) (not advice)"
        }
        if let open = recommendation.openVariants.first { return "\(code: open.candidateVariant) vs \(code: open.referenceVariant): \(short(open))" }
        return "–"
    }

    static func allocatorCell(_ recommendation: Recommendation) -> Markdown {
        guard let change = recommendation.allocator else { return "–" }
        switch change.action {
        case .capArenas, .switchAllocator:
            let setting = (change.setting ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let name: Markdown = setting.isEmpty ? "\(change.configuration ?? "")" : "\(change.configuration ?? "") (\(code: setting))"
            return change.improves.map { "\(name) in \(code: change.variant): \(short($0))" } ?? name
        case .keepDefault:
            return change.avoided.contains(where: \.isLower) ? "keep glibc's default (none lowers \(code: change.variant) without a cost)"
                : "keep glibc's default (none lowers \(code: change.variant))"
        case .notJudged: return "not judged (single runs)"
        case .fixCode, .chooseAlternative: return "–"
        }
    }

    static func costCell(_ recommendation: Recommendation) -> Markdown {
        let parts = [recommendation.code, recommendation.allocator].compactMap { $0 }.flatMap { change in
            change.tradeOffs.map { short($0) }
        }
        if !parts.isEmpty { return "\(parts.joined(separator: "; "))" }
        let changes = [recommendation.code, recommendation.allocator].compactMap { $0 }.filter { $0.improves != nil }
        guard !changes.isEmpty else { return "–" }
        return changes.allSatisfy({ $0.others.allSatisfy(\.isDecidedNoWorse) }) ? "none: every other figure lower or within its margin"
            : "none worse beyond noise"
    }

    /// "peak −89 % (beyond noise)", "after release +57 % (undecided)".
    static func short(_ figure: Recommendation.Figure) -> String {
        "\(figure.metric.words) \(figure.metric.change(figure.candidateMedian, from: figure.referenceMedian)) (\(figure.verdict.words))"
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
