import Foundation
import BenchModel
import MemoryProbe
import Statistics

/// The report's comparisons in plain words, most important first: failures, then differences
/// beyond noise (largest first), then undecided ones, then what made no difference. Every
/// verdict comes from `Report.decideComparisons` (pooled workload noise, a practical floor,
/// Holm over the whole report); a sentence only says it.
public enum Findings {
    /// A finding with how much it matters (the difference in bytes), for ordering.
    struct Ranked {
        var finding: Finding
        var weight: Double
    }

    public static func derive(from report: Report) -> [Finding] {
        // Runs that failed, ran out of memory or timed out come first, one finding per cell.
        var findings = failureFindings(report) + capFindings(report)
        let ok = report.cells.filter { $0.status == .ok }
        if !ok.isEmpty && ok.allSatisfy({ $0.okRuns < 2 }) {
            findings.append(Finding(kind: .note, scenario: nil, text: "Every cell has a single run, so no spread is known and no difference below is judged; use --runs 3 or more to judge.", beyondNoise: false))
        }
        findings += figureMismatches(report)
        let comparisons = report.comparisons
        var ranked: [Ranked] = []
        for scenario in report.scenarios {
            for size in report.sizes(of: scenario.name) {
                let here = comparisons.filter { $0.scenario == scenario.name && $0.size == size }
                ranked += fixFindings(report, scenario: scenario, size: size, comparisons: here.filter { $0.kind == .fix })
                ranked += allocatorFindings(report, scenario: scenario, size: size, comparisons: here.filter { $0.kind == .allocator })
            }
        }
        // Beyond noise first (largest first), then lines beyond noise in part (an allocator
        // whose settled state is not), then undecided, then the rest in report order.
        func rank(_ finding: Finding) -> Int {
            if finding.verdict == .beyondNoise { return 0 }
            if finding.beyondNoise { return 1 }
            return finding.verdict == .undecided ? 2 : 3
        }
        let ordered = ranked.enumerated().sorted { a, b in
            let (x, y) = (rank(a.element.finding), rank(b.element.finding))
            if x != y { return x < y }
            if x <= 1 && a.element.weight != b.element.weight { return a.element.weight > b.element.weight }
            return a.offset < b.offset
        }
        return findings + ordered.map(\.element.finding) + growthFindings(report) + creepFindings(report)
    }

    /// "−52 %" (a true minus sign, as typeset), "5.4× as much" past +200 %; against a reference
    /// under 1 MiB the difference itself ("+14.2 MiB"): "330× as much" of 0.04 MiB says nothing.
    static func change(_ mine: Double, from theirs: Double) -> String {
        if abs(theirs) < 1_048_576 {
            let difference = mine - theirs
            return (difference < 0 ? "−" : "+") + size(abs(difference))
        }
        let percent = (mine - theirs) / abs(theirs) * 100
        if percent > 200 && theirs > 0 { return String(format: "%.1f× as much", mine / theirs) }
        return (percent < 0 ? "−" : "+") + String(format: "%.0f %%", abs(percent))
    }

    /// A floor or a small difference: "8 KiB" under a tenth of a MiB, else "1.7 MiB".
    static func size(_ bytes: Double) -> String {
        abs(bytes) < 104_858 ? String(format: "%.0f KiB", bytes / 1024) : mebibytes(bytes)
    }

    /// "3 runs each" or "3 vs 5 runs".
    static func runs(_ verdict: Verdict) -> String {
        verdict.referenceRuns == verdict.candidateRuns
            ? "\(verdict.referenceRuns) run\(verdict.referenceRuns == 1 ? "" : "s") each"
            : "\(verdict.candidateRuns) vs \(verdict.referenceRuns) runs"
    }

    /// The verdict in words with the numbers behind it: "beyond noise: −30.9 MiB, 95 % interval
    /// −31.0 to −30.8, floor 0.7 MiB".
    static func judged(_ verdict: Verdict) -> String {
        let floor = "floor \(size(verdict.floor))"
        let interval = verdict.interval.map { "interval \(mebibytes($0.lower, signed: true).dropLast(4)) to \(mebibytes($0.upper, signed: true))" }
        switch verdict.kind {
        case .beyondNoise:
            return "beyond noise: \(mebibytes(verdict.effect, signed: true)), \(interval ?? ""), \(floor)"
        case .withinNoise:
            return "within noise: \(interval ?? ""), inside ±\(size(verdict.floor))"
        case .undecided:
            let more = verdict.additionalRunsPerSide.map { "about \($0) more run\($0 == 1 ? "" : "s") per side would decide" }
                ?? "more runs are unlikely to decide"
            return "undecided (\(more); \(interval ?? ""), \(floor))"
        case .notJudged:
            return "not judged: no spread known (single runs)"
        }
    }

    /// Each fix against its pitfall, on peak: the sentence under glibc (or the first
    /// configuration), then the same comparison under the others as a range.
    static func fixFindings(_ report: Report, scenario: ScenarioDescription, size: Int, comparisons: [Comparison]) -> [Ranked] {
        var ranked: [Ranked] = []
        let where_ = "\(scenario.name)\(scenario.sized(size, joiner: ", "))"
        var pairs: [(String, String)] = []
        for comparison in comparisons where !pairs.contains(where: { $0 == (comparison.referenceVariant, comparison.candidateVariant) }) {
            pairs.append((comparison.referenceVariant, comparison.candidateVariant))
        }
        for (pitfall, fix) in pairs {
            let all = comparisons.filter { $0.referenceVariant == pitfall && $0.candidateVariant == fix }
            guard let headline = all.first(where: { $0.referenceConfiguration == ComparisonPlan.referenceConfiguration }) ?? all.first else { continue }
            let v = headline.verdict
            var text = "\(where_): `\(fix)` peaks at \(mebibytes(v.candidateMedian, signed: true)) vs "
                + "\(mebibytes(v.referenceMedian, signed: true)) for `\(pitfall)` under \(headline.referenceConfiguration) "
                + "(\(change(v.candidateMedian, from: v.referenceMedian)), \(runs(v)); \(judged(v)))."
            let others = all.filter { $0.referenceConfiguration != headline.referenceConfiguration }
            let changes = others.compactMap { c -> Double? in
                c.verdict.referenceMedian != 0 ? (c.verdict.candidateMedian - c.verdict.referenceMedian) / abs(c.verdict.referenceMedian) * 100 : nil
            }
            if let low = changes.min(), let high = changes.max() {
                let format = { (value: Double) in (value < 0 ? "−" : "+") + String(format: "%.0f", abs(value)) }
                let range = format(low) == format(high) ? "\(format(low)) %" : "\(format(low)) to \(format(high)) %"
                let beyond = others.filter { $0.verdict.kind == .beyondNoise }.count
                text += " Under the other \(others.count) configuration\(others.count == 1 ? "" : "s"): \(range) (beyond noise in \(beyond) of \(others.count))."
            }
            ranked.append(Ranked(finding: Finding(kind: .fix, scenario: scenario.name, size: size, variants: [pitfall, fix],
                                                  configurations: all.map(\.referenceConfiguration), comparisons: [headline] + others,
                                                  verdict: v.kind, text: text, beyondNoise: v.kind == .beyondNoise),
                                 weight: abs(v.effect)))
        }
        return ranked
    }

    /// Each configuration against glibc in each variant, peak, after release and settled in one
    /// line; configurations with the same verdicts and figures within each other's floor (the
    /// preloaded and the linked jemalloc) share the line. Configurations that made no
    /// difference anywhere are said once.
    static func allocatorFindings(_ report: Report, scenario: ScenarioDescription, size: Int, comparisons: [Comparison]) -> [Ranked] {
        var ranked: [Ranked] = []
        let where_ = "\(scenario.name)\(scenario.sized(size, joiner: ", "))"
        var quiet: [String] = []
        var unjudged: [String] = []
        var configurationOrder: [String] = []
        for comparison in comparisons where !configurationOrder.contains(comparison.candidateConfiguration) {
            configurationOrder.append(comparison.candidateConfiguration)
        }
        var spoken: Set<String> = []
        for configuration in configurationOrder {
            let mine = comparisons.filter { $0.candidateConfiguration == configuration }
            if mine.allSatisfy({ $0.verdict.kind == .withinNoise }) { quiet.append(configuration); continue }
            if mine.allSatisfy({ $0.verdict.kind == .notJudged }) { unjudged.append(configuration); continue }
            var variants: [String] = []
            for comparison in mine where !variants.contains(comparison.candidateVariant) { variants.append(comparison.candidateVariant) }
            for variant in variants where !spoken.contains("\(configuration)|\(variant)") {
                let line = mine.filter { $0.candidateVariant == variant }
                if line.allSatisfy({ $0.verdict.kind == .withinNoise }) { continue }
                // Others that say the same in this variant join the line.
                var group = [configuration]
                // (A counted twin is compared with glibc+count: it never shares a line with an uncounted one.)
                for other in configurationOrder where other != configuration && !spoken.contains("\(other)|\(variant)")
                    && AllocatorConfiguration.isCountedName(other) == AllocatorConfiguration.isCountedName(configuration) {
                    let theirs = comparisons.filter { $0.candidateConfiguration == other && $0.candidateVariant == variant }
                    if sameStory(line, theirs) { group.append(other) }
                }
                for name in group { spoken.insert("\(name)|\(variant)") }
                ranked.append(allocatorLine(where_: where_, scenario: scenario, size: size, variant: variant, group: group, line: line))
            }
        }
        ranked += noDifferenceFindings(where_: where_, scenario: scenario.name, size: size, quiet: quiet, unjudged: unjudged)
        return ranked
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

    static func allocatorLine(where_: String, scenario: ScenarioDescription, size: Int, variant: String, group: [String],
                              line: [Comparison]) -> Ranked {
        let ordered = Comparison.Metric.allCases.compactMap { metric in line.first { $0.metric == metric } }
        // Metrics with the same figures and verdict share one part: "peak and after release …".
        var words: [String] = []
        var stories: [String] = []
        for c in ordered {
            let v = c.verdict
            let figures = "\(mebibytes(v.candidateMedian, signed: true)) vs \(mebibytes(v.referenceMedian, signed: true))"
            let story: String
            switch v.kind {
            case .beyondNoise: story = "\(figures) (\(change(v.candidateMedian, from: v.referenceMedian)), beyond noise)"
            case .withinNoise: story = "within noise (±\(Findings.size(v.floor)))"
            case .undecided:
                let more = v.additionalRunsPerSide.map { ", about \($0) more run\($0 == 1 ? "" : "s") per side would decide" } ?? ""
                story = "\(figures) (\(change(v.candidateMedian, from: v.referenceMedian)), undecided\(more))"
            case .notJudged: story = "\(figures) (not judged)"
            }
            if let last = stories.last, last == story, v.kind != .withinNoise {
                words[words.count - 1] += " and \(c.metric.words)"
            } else {
                words.append(c.metric.words)
                stories.append(story)
            }
        }
        let parts = zip(words, stories).map { "\($0) \($1)" }
        // The headline is the settled state where the variant settles (the seeds' claims are
        // about a server's steady state), else the larger decided effect.
        let settled = ordered.first { $0.metric == .afterSettle && $0.verdict.kind != .notJudged }
        let decided = ordered.filter { $0.verdict.kind == .beyondNoise }
        let headline = settled ?? decided.max { abs($0.verdict.effect) < abs($1.verdict.effect) } ?? ordered.first { $0.verdict.kind == .undecided } ?? ordered[0]
        let names = group.count == 1 ? group[0] : group.dropLast().joined(separator: ", ") + " and " + (group.last ?? "")
        let runsText = runs(headline.verdict)
        let text = "\(where_), `\(variant)`: \(names) vs \(headline.referenceConfiguration): \(parts.joined(separator: "; ")) (\(runsText))."
        let verdict: Verdict.Kind = decided.isEmpty ? (ordered.contains { $0.verdict.kind == .undecided } ? .undecided : headline.verdict.kind)
            : (settled.map { $0.verdict.kind } ?? .beyondNoise)
        let weight = settled.map { $0.verdict.kind == .beyondNoise ? abs($0.verdict.effect) : 0 } ?? abs(headline.verdict.effect)
        return Ranked(finding: Finding(kind: .allocator, scenario: scenario.name, size: size, variants: [variant],
                                       configurations: [headline.referenceConfiguration] + group, comparisons: [headline] + ordered.filter { $0.metric != headline.metric },
                                       verdict: verdict, text: text, beyondNoise: !decided.isEmpty),
                      weight: weight)
    }
}
