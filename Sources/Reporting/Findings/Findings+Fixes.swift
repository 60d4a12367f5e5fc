import Foundation
import BenchModel
import MemoryProbe
import Statistics

extension Findings {
    /// Each declared variant comparison (a fix against its pitfall, one alternative against the
    /// other, a variant against its control), on peak: the sentence under glibc (or the first
    /// configuration), the same comparison under the others as a range, and the other figures
    /// under glibc (what the change costs or saves besides its peak).
    static func variantFindings(scenario: ScenarioDescription, size: Int, comparisons: [Comparison]) -> [Ranked] {
        let where_ = "\(scenario.name)\(scenario.sized(size, joiner: ", "))"
        let peaks = comparisons.filter { $0.metric == .peak }
        let pairs = peaks.map { VariantComparison(kind: .fix, reference: $0.referenceVariant, candidate: $0.candidateVariant) }.uniqued()
        return pairs.compactMap { pair in
            let (reference, candidate) = (pair.reference, pair.candidate)
            let all = peaks.filter { $0.referenceVariant == reference && $0.candidateVariant == candidate }
            guard let headline = all.first(where: { $0.referenceConfiguration == ComparisonPlan.referenceConfiguration }) ?? all.first else { return nil }
            let v = headline.verdict
            let role = headline.kind == .control ? "its control " : ""
            var text = "\(where_): \(Markdown.code(candidate)) peaks at \(mebibytes(v.candidateMedian, signed: true)) vs "
                + "\(mebibytes(v.referenceMedian, signed: true)) for \(role)\(Markdown.code(reference)) under \(headline.referenceConfiguration) "
                + "(\(change(v.candidateMedian, from: v.referenceMedian)), \(runs(v)); \(judged(v)))."
            let others = all.filter { $0.referenceConfiguration != headline.referenceConfiguration }
            text += underTheOthers(others)
            let besides = comparisons.filter { $0.metric != .peak && $0.referenceVariant == reference && $0.candidateVariant == candidate }
            if !besides.isEmpty {
                text += " Under \(headline.referenceConfiguration) also: " + besides.map { "\($0.metric.words) \(story($0))" }.joined(separator: "; ") + "."
            }
            let kind: Finding.Kind = headline.kind == .control ? .control : headline.kind == .alternative ? .alternative : .fix
            return Ranked(finding: Finding(kind: kind, scenario: scenario.name, size: size, variants: [reference, candidate],
                                           configurations: all.map(\.referenceConfiguration), comparisons: [headline] + others + besides,
                                           verdict: v.kind, text: text, beyondNoise: v.kind == .beyondNoise),
                          weight: abs(v.effect))
        }
    }

    /// " Under the other 6 configurations: −94 to −93 % (beyond noise in 6 of 6).", or "".
    static func underTheOthers(_ others: [Comparison]) -> String {
        let changes = others.compactMap { c -> Double? in
            c.verdict.referenceMedian != 0 ? (c.verdict.candidateMedian - c.verdict.referenceMedian) / abs(c.verdict.referenceMedian) * 100 : nil
        }
        guard let low = changes.min(), let high = changes.max() else { return "" }
        let format = { (value: Double) in (value < 0 ? "−" : "+") + String(format: "%.0f", abs(value)) }
        let range = format(low) == format(high) ? "\(format(low)) %" : "\(format(low)) to \(format(high)) %"
        let beyond = others.filter { $0.verdict.kind == .beyondNoise }.count
        return " Under the other \(others.count) configuration\(others.count == 1 ? "" : "s"): \(range) (beyond noise in \(beyond) of \(others.count))."
    }
}
