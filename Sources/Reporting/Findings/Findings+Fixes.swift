import Foundation
import BenchModel
import MemoryProbe
import Statistics

extension Findings {
    /// Each fix against its pitfall, on peak: the sentence under glibc (or the first
    /// configuration), then the same comparison under the others as a range.
    static func fixFindings(scenario: ScenarioDescription, size: Int, comparisons: [Comparison]) -> [Ranked] {
        let where_ = "\(scenario.name)\(scenario.sized(size, joiner: ", "))"
        let pairs = comparisons.map { VariantComparison(pitfall: $0.referenceVariant, fix: $0.candidateVariant) }.uniqued()
        return pairs.compactMap { pair in
            let (pitfall, fix) = (pair.pitfall, pair.fix)
            let all = comparisons.filter { $0.referenceVariant == pitfall && $0.candidateVariant == fix }
            guard let headline = all.first(where: { $0.referenceConfiguration == ComparisonPlan.referenceConfiguration }) ?? all.first else { return nil }
            let v = headline.verdict
            var text = "\(where_): \(Markdown.code(fix)) peaks at \(mebibytes(v.candidateMedian, signed: true)) vs "
                + "\(mebibytes(v.referenceMedian, signed: true)) for \(Markdown.code(pitfall)) under \(headline.referenceConfiguration) "
                + "(\(change(v.candidateMedian, from: v.referenceMedian)), \(runs(v)); \(judged(v)))."
            let others = all.filter { $0.referenceConfiguration != headline.referenceConfiguration }
            text += underTheOthers(others)
            return Ranked(finding: Finding(kind: .fix, scenario: scenario.name, size: size, variants: [pitfall, fix],
                                           configurations: all.map(\.referenceConfiguration), comparisons: [headline] + others,
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
