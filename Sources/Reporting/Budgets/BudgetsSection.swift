import Foundation
import BenchModel
import MemoryProbe
import Statistics

/// "## Budgets", right after the answer: one line per budget, variant and size with its verdict
/// under each configuration, the exceeded first; details.md adds every check's statistics.
struct BudgetsSection: ReportSection {
    var report: Report

    var summary: [Markdown] {
        guard !report.budgets.isEmpty else { return [] }
        return ["## Budgets", "", method, ""] + lines + [""]
    }

    var details: [Markdown] {
        guard !report.budgets.isEmpty else { return [] }
        let rows: [[Markdown]] = report.budgets.map { check in
            ["\(check.scenario)", "\(code: check.variant)", "\(check.configuration ?? "–")", "\(grouped(check.size))",
             "\(check.budget.limitText)", "\(check.median.map(check.figure) ?? "–")", "\(interval(check) ?? "–")",
             "\(Self.words(check.verdict))", "\(check.statistics.map { String(format: "%.2g", $0.adjustedP) } ?? "–")",
             "\(check.note ?? check.statistics?.method ?? "")"]
        }
        return ["## Budgets", "", method, "",
                .table(header: ["Scenario", "Variant", "Configuration", "Size", "Budget", "Median", "Interval", "Verdict", "Adjusted p", "Method"],
                       rows: rows), ""]
    }

    /// How a verdict was reached, in one paragraph.
    var method: Markdown {
        let counts = [LimitVerdict.Kind.exceeded, .met, .undecided, .notJudged].compactMap { kind -> String? in
            let count = report.budgets.filter { $0.verdict == kind }.count
            return count == 0 ? nil : "\(count) \(Self.words(kind))"
        }
        let family = report.budgets.filter { $0.statistics != nil && $0.metric.isBytes }.count
        return "\(report.budgets.count) budget check\(report.budgets.count == 1 ? "" : "s") (\(counts.joined(separator: ", "))). *Exceeded*: the runs' mean over the limit beyond noise (a one-sided t test on the workload's pooled run-to-run noise, beyond the comparisons' practical floor of at least 5 σ, the instrument's floor and 2 % of the limit; Holm over this report's \(family) byte budget check\(family == 1 ? "" : "s")); *met*: the mean's one-sided 95 % upper bound under the limit by the margin (the instrument's floor, at least 2 % of the limit); *undecided*: neither, the figure is within noise of the limit (more runs may decide). Allocation budgets are exact counts: exceeded when every counted run is over the limit, met when none is."
    }

    /// One line per budget, variant and size: exceeded ones first, then undecided, then the rest.
    var lines: [Markdown] {
        let groups = report.budgets.groupedInOrder { [$0.scenario, $0.variant, "\($0.size)", $0.metric.rawValue] }
        let rank: [LimitVerdict.Kind] = [.exceeded, .undecided, .notJudged, .met]
        return groups.enumerated().sorted { a, b in
            let (x, y) = (worst(a.element.elements, rank), worst(b.element.elements, rank))
            return x != y ? x < y : a.offset < b.offset
        }.map { line($0.element.elements) }
    }

    func worst(_ checks: [BudgetCheck], _ rank: [LimitVerdict.Kind]) -> Int {
        checks.map { rank.firstIndex(of: $0.verdict) ?? rank.count }.min() ?? rank.count
    }

    /// "- csv-parse `swiftcsv`, 200,000 rows, peak ≤ 8.0 MiB: **exceeded** under glibc (+31.2 MiB,
    /// interval +31.0 to +31.4 MiB); met under jemalloc-linked (+7.0 MiB, …)."
    func line(_ checks: [BudgetCheck]) -> Markdown {
        let first = checks[0]
        let sized = report.scenario(named: first.scenario)?.sized(first.size, joiner: ", ") ?? ""
        let verdicts = checks.groupedInOrder(by: \.verdict).map { group -> Markdown in
            let cells = group.elements.map { check -> String in
                let figure = [check.median.map(check.figure), interval(check).map { "interval \($0)" }, check.note].compactMap { $0 }
                return (check.configuration.map { "under \($0)" } ?? "") + (figure.isEmpty ? "" : " (\(figure.joined(separator: ", ")))")
            }
            return "\(Self.emphasised(group.key)) \(cells.joined(separator: ", "))"
        }
        return "- \(first.scenario) \(code: first.variant)\(sized), \(first.budget.limitText): \(Markdown.joined(verdicts, separator: "; "))."
    }

    /// "+31.0 to +31.4 MiB" (to 0.01 MiB when narrower than 0.2 MiB), or the runs' range for counts.
    func interval(_ check: BudgetCheck) -> String? {
        guard let interval = check.interval else { return nil }
        guard check.metric.isBytes else { return "\(FigureText.count(interval.lower))–\(FigureText.count(interval.upper))" }
        let mib = 1_048_576.0
        let format = interval.upper - interval.lower < 0.2 * mib ? "%+.2f" : "%+.1f"
        return String(format: "\(format) to \(format) MiB", interval.lower / mib, interval.upper / mib)
    }

    static func words(_ kind: LimitVerdict.Kind) -> String {
        switch kind {
        case .exceeded: return "exceeded"
        case .met: return "met"
        case .undecided: return "undecided"
        case .notJudged: return "not judged"
        }
    }

    /// The verdict as the line shows it: an exceeded budget in bold, an undecided one in italics.
    static func emphasised(_ kind: LimitVerdict.Kind) -> Markdown {
        switch kind {
        case .exceeded: return "**exceeded**"
        case .met: return "met"
        case .undecided, .notJudged: return "*\(words(kind))*"
        }
    }
}

extension Report {
    /// A budget check in one line, for bench's summary: "gates/double, 16 MiB, peak ≤ 8.0 MiB
    /// under glibc: +32.1 MiB (interval +32.0 to +32.2 MiB)".
    public func sentence(_ check: BudgetCheck) -> String {
        let sized = scenario(named: check.scenario)?.sized(check.size, joiner: ", ") ?? ""
        let figure = [check.median.map(check.figure), BudgetsSection(report: self).interval(check).map { "interval \($0)" }].compactMap { $0 }
        return "\(check.scenario)/\(check.variant)\(sized), \(check.budget.limitText)\(check.configuration.map { " under \($0)" } ?? ""): "
            + (figure.isEmpty ? BudgetsSection.words(check.verdict) : figure.joined(separator: ", "))
    }
}
