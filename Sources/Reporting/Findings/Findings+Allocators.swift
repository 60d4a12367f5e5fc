import Foundation
import BenchModel
import MemoryProbe
import Statistics

extension Findings {
    /// Each configuration against glibc in each variant, peak, after release and settled in one
    /// line; configurations with the same verdicts and figures within each other's floor (the
    /// preloaded and the linked jemalloc) share the line. Configurations that made no
    /// difference anywhere are said once.
    /// `settledTooSoon`: cells whose settle ended before their decay (not compared settled).
    static func allocatorFindings(scenario: ScenarioDescription, size: Int, comparisons: [Comparison],
                                  settledTooSoon: [ComparisonPlan.SettleBeforeDecay] = []) -> [Ranked] {
        var ranked: [Ranked] = []
        let where_ = "\(scenario.name)\(scenario.sized(size, joiner: ", "))"
        var quiet: [String] = []
        var unjudged: [String] = []
        let configurationOrder = comparisons.map(\.candidateConfiguration).uniqued()
        var spoken: Set<String> = []
        for configuration in configurationOrder {
            let mine = comparisons.filter { $0.candidateConfiguration == configuration }
            // A configuration whose settled figure was left out says so in a line of its own.
            let early = settledTooSoon.contains { $0.cell.allocator == configuration }
            if mine.allSatisfy({ $0.verdict.kind == .withinNoise }) && !early { quiet.append(configuration); continue }
            if mine.allSatisfy({ $0.verdict.kind == .notJudged }) { unjudged.append(configuration); continue }
            for variant in mine.map(\.candidateVariant).uniqued() where !spoken.contains("\(configuration)|\(variant)") {
                let line = mine.filter { $0.candidateVariant == variant }
                let settledEarly = settledTooSoon.contains { $0.cell.allocator == configuration && $0.cell.variant == variant }
                if line.allSatisfy({ $0.verdict.kind == .withinNoise }) && !settledEarly { continue }
                // Others that say the same in this variant join the line. (A counted twin is
                // compared with glibc+count: it never shares a line with an uncounted one.)
                var group = [configuration]
                for other in configurationOrder where other != configuration && !spoken.contains("\(other)|\(variant)")
                    && AllocatorConfiguration.isCountedName(other) == AllocatorConfiguration.isCountedName(configuration) {
                    let theirs = comparisons.filter { $0.candidateConfiguration == other && $0.candidateVariant == variant }
                    if sameStory(line, theirs) { group.append(other) }
                }
                for name in group { spoken.insert("\(name)|\(variant)") }
                let early = settledTooSoon.first { group.contains($0.cell.allocator) && $0.cell.variant == variant }
                // The line speaks for every configuration of the group: its run counts are theirs.
                let groupRuns = group.compactMap { name in
                    comparisons.first { $0.candidateConfiguration == name && $0.candidateVariant == variant && $0.metric == .peak }?.verdict.candidateRuns
                }
                ranked.append(allocatorLine(where_: where_, scenario: scenario, size: size, variant: variant, group: group, line: line,
                                            settledTooSoon: early, groupRuns: groupRuns))
            }
        }
        return ranked + noDifferenceFindings(where_: where_, scenario: scenario.name, size: size, quiet: quiet, unjudged: unjudged)
    }

    /// Two configurations tell the same story in a variant: the same metrics with the same
    /// verdicts, and medians within each other's floor.
    static func sameStory(_ a: [Comparison], _ b: [Comparison]) -> Bool {
        guard a.count == b.count, !a.isEmpty else { return false }
        for x in a {
            guard let y = b.first(where: { $0.metric == x.metric }), x.verdict.kind == y.verdict.kind,
                  abs(x.verdict.candidateMedian - y.verdict.candidateMedian) <= max(x.verdict.floor, y.verdict.floor) else { return false }
        }
        return true
    }

    /// One line for `group` in `variant`: each metric's figures and verdict, metrics with the
    /// same words sharing one part ("peak and after release …").
    static func allocatorLine(where_: String, scenario: ScenarioDescription, size: Int, variant: String, group: [String],
                              line: [Comparison], settledTooSoon: ComparisonPlan.SettleBeforeDecay? = nil,
                              groupRuns: [Int] = []) -> Ranked {
        let ordered = Comparison.Metric.allCases.compactMap { metric in line.first { $0.metric == metric } }
        var words: [String] = []
        var stories: [String] = []
        for c in ordered {
            let story = Self.story(c)
            if let last = stories.last, last == story, c.verdict.kind != .withinNoise {
                words[words.count - 1] += " and \(c.metric.words)"
            } else {
                words.append(c.metric.words)
                stories.append(story)
            }
        }
        var parts = zip(words, stories).map { "\($0) \($1)" }
        if let early = settledTooSoon {
            parts.append(String(format: "settled not compared (its %.0f s decay outlasts the %.1f s settle)", early.decaySeconds, early.settleSeconds))
        }
        // The headline is the settled state where the variant settles (the seeds' claims are
        // about a server's steady state), else the larger decided effect.
        let settled = ordered.first { $0.metric == .afterSettle && $0.verdict.kind != .notJudged }
        let decided = ordered.filter { $0.verdict.kind == .beyondNoise }
        let headline = settled ?? decided.max { abs($0.verdict.effect) < abs($1.verdict.effect) } ?? ordered.first { $0.verdict.kind == .undecided } ?? ordered[0]
        let names = group.count == 1 ? group[0] : group.dropLast().joined(separator: ", ") + " and " + (group.last ?? "")
        let runsText: String
        if let low = groupRuns.min(), let high = groupRuns.max(), low != high {
            runsText = "\(low)–\(high) vs \(headline.verdict.referenceRuns) runs"
        } else {
            runsText = runs(headline.verdict)
        }
        let text = "\(where_), \(Markdown.code(variant)): \(names) vs \(headline.referenceConfiguration): \(parts.joined(separator: "; ")) (\(runsText))."
        let verdict: Verdict.Kind = decided.isEmpty ? (ordered.contains { $0.verdict.kind == .undecided } ? .undecided : headline.verdict.kind)
            : (settled.map { $0.verdict.kind } ?? .beyondNoise)
        let weight = settled.map { $0.verdict.kind == .beyondNoise ? abs($0.verdict.effect) : 0 } ?? abs(headline.verdict.effect)
        return Ranked(finding: Finding(kind: .allocator, scenario: scenario.name, size: size, variants: [variant],
                                       configurations: [headline.referenceConfiguration] + group, comparisons: [headline] + ordered.filter { $0.metric != headline.metric },
                                       verdict: verdict, text: text, beyondNoise: !decided.isEmpty),
                      weight: weight)
    }

    /// One metric's figures and verdict: "+12.0 MiB vs +40.0 MiB (−70 %, beyond noise)".
    static func story(_ comparison: Comparison) -> String {
        let v = comparison.verdict, metric = comparison.metric
        let figures = "\(metric.format(v.candidateMedian)) vs \(metric.format(v.referenceMedian))"
        let change = metric.change(v.candidateMedian, from: v.referenceMedian)
        switch v.kind {
        case .beyondNoise: return "\(figures) (\(change), beyond noise)"
        case .withinNoise: return "within ±\(metric.amount(v.margin)) (no difference)"
        case .undecided: return "\(figures) (\(change), undecided: \(undecidedReason(v, metric: metric)))"
        case .notJudged: return "\(figures) (not judged)"
        }
    }
}
