import Foundation
import BenchModel
import MemoryProbe
import Statistics

/// How a recommendation says itself: "What to do"'s sentence and the verdict table's cells,
/// both from the same `Change`s, so the two never name different configurations.
extension Recommendation {
    /// "What to do"'s sentence for this scenario.
    var words: String {
        if notJudged {
            return "**Not judged**: single runs, so no spread is known and no verdict is made; use `--runs 3` or more."
        }
        var sentences: [String] = []
        if let code { sentences.append(Self.sentence(code, lead: true)) }
        for open in openVariants where code == nil {
            sentences.append("\(Markdown.code(open.candidateVariant)) against \(Markdown.code(open.referenceVariant)) is \(open.verdict.words) on peak (\(Self.figureText(open)))")
        }
        for control in controls {
            sentences.append("\(Markdown.code(control.referenceVariant)) is the control of \(Markdown.code(control.candidateVariant)) (peak \(Self.figureText(control))): shown, not advice")
        }
        if let allocator { sentences.append(Self.sentence(allocator, lead: code == nil)) }
        if undecidedConfigurations > 0 {
            sentences.append("\(undecidedConfigurations) allocator comparison\(undecidedConfigurations == 1 ? " is" : "s are") undecided")
        }
        if sentences.isEmpty { sentences.append("**No change found**: no fix is declared and no configuration was compared with glibc") }
        return sentences.joined(separator: "; ") + ". *Answers:* " + question + "."
    }

    /// One change in words: what to do, the figure, its confidence, what it may cost.
    static func sentence(_ change: Change, lead: Bool) -> String {
        let head = Self.head(change)
        var text = (lead ? "**\(head.prefix(1).uppercased() + head.dropFirst())**" : head)
        if let improves = change.improves {
            text += ": \(improves.metric.words) \(improves.metric.change(improves.candidateMedian, from: improves.referenceMedian)) "
                + "(\(improves.metric.format(improves.candidateMedian)) vs \(improves.metric.format(improves.referenceMedian))\(change.action == .fixCode || change.action == .chooseAlternative ? " under \(ComparisonPlan.referenceConfiguration)" : ""); \(confidence(improves)))"
            text += "; " + costs(change)
            if let rate = change.requestsPerSecond, rate.reference > 0 {
                let percent = Int(((rate.candidate / rate.reference - 1) * 100).rounded())
                text += "; requests served \(grouped(Int(rate.candidate.rounded())))/s vs \(grouped(Int(rate.reference.rounded())))/s under glibc (\(percent > 0 ? "+" : percent < 0 ? "−" : "±")\(abs(percent)) %, measured, not judged)"
            }
            if !change.alsoLower.isEmpty {
                let others = change.alsoLower.map { "\($0.candidateConfiguration) (\($0.metric.words) \($0.metric.change($0.candidateMedian, from: $0.referenceMedian)))" }
                text += "; also lowering a figure beyond noise with none worse beyond noise: \(others.joined(separator: ", ")), so which lowers most may differ in another suite"
            }
        } else if change.action == .keepDefault {
            let withoutCost = change.avoided.contains(where: \.isLower) ? " without raising another" : ""
            text += ": no configuration lowers a figure of \(Markdown.code(change.variant)) beyond noise\(withoutCost)"
            if !change.avoided.isEmpty { text += "; " + avoidedText(change.avoided) }
        }
        return text
    }

    static func head(_ change: Change) -> String {
        switch change.action {
        case .fixCode: return "fix the code: \(Markdown.code(change.variant)) instead of \(Markdown.code(change.instead ?? ""))"
        case .chooseAlternative: return "choose \(Markdown.code(change.variant)) over \(Markdown.code(change.instead ?? ""))"
        case .capArenas:
            let setting = (change.setting ?? [:]).sorted { $0.key < $1.key }.map { Markdown.code("\($0.key)=\($0.value)") }.joined(separator: " ")
            return "cap the arenas" + (setting.isEmpty ? "" : " (\(setting))") + " in \(Markdown.code(change.variant))"
        case .switchAllocator: return "switch to \(change.configuration ?? "") in \(Markdown.code(change.variant))"
        case .keepDefault: return "keep glibc's default allocator"
        case .notJudged: return "not judged"
        }
    }

    /// What a change may cost, in words: every figure worse beyond noise or undecided in the
    /// worse direction; "no figure higher" only when every other figure was shown within its margin.
    static func costs(_ change: Change) -> String {
        guard change.tradeOffs.isEmpty else {
            return "what it may cost: " + change.tradeOffs.map { "\($0.metric.words) \(figureText($0))" }.joined(separator: ", ")
        }
        guard !change.others.isEmpty else { return "no other figure compared" }
        let listed = change.others.map { "\($0.metric.words) \(brief($0))" }.joined(separator: "; ")
        return change.others.allSatisfy(\.isDecidedNoWorse) ? "no other figure higher (\(listed))" : "no other figure worse beyond noise (\(listed))"
    }

    /// "−92 %, beyond noise", "within ±0.7 MiB", "−7 %, undecided".
    static func brief(_ figure: Figure) -> String {
        switch figure.verdict {
        case .withinNoise: return "within ±\(figure.metric.amount(figure.margin))"
        default: return "\(figure.metric.change(figure.candidateMedian, from: figure.referenceMedian)), \(figure.verdict.words)"
        }
    }

    /// "+12.0 MiB vs +28.2 MiB (+57 %, undecided: the runs vary too much to tell)".
    static func figureText(_ figure: Figure) -> String {
        let change = figure.metric.change(figure.candidateMedian, from: figure.referenceMedian)
        let figures = "\(figure.metric.format(figure.candidateMedian)) vs \(figure.metric.format(figure.referenceMedian))"
        switch figure.verdict {
        case .beyondNoise: return "\(figures), \(change), beyond noise"
        case .withinNoise: return "\(figures), within ±\(figure.metric.format(figure.margin, signed: false))"
        case .notJudged: return "\(figures), not judged"
        case .undecided:
            let why = figure.additionalRunsPerSide.map { "about \($0) more run\($0 == 1 ? "" : "s") per side would decide" }
                ?? "the runs vary too much to tell (they could show \(figure.smallestDetectableEffect.map(figure.metric.amount) ?? "no") difference, not ±\(figure.metric.amount(figure.margin)))"
            return "\(figures), \(change), undecided: \(why)"
        }
    }

    /// "glibc-arenas-1 lowers peak −25 % but raises settled 4.0× as much; jemalloc-preload raises
    /// after release +23 %" (each beyond noise).
    static func avoidedText(_ avoided: [Figure]) -> String {
        avoided.groupedInOrder { $0.candidateConfiguration }.map { group -> String in
            let parts = group.elements.map { "\($0.isLower ? "lowers" : "raises") \($0.metric.words) \($0.metric.change($0.candidateMedian, from: $0.referenceMedian))" }
            return "\(group.key) \(parts.joined(separator: " but "))"
        }.joined(separator: "; ")
    }

    /// "beyond noise, adjusted p 2e-05, 3 runs each".
    static func confidence(_ figure: Figure) -> String {
        let runs = figure.referenceRuns == figure.candidateRuns ? "\(figure.referenceRuns) run\(figure.referenceRuns == 1 ? "" : "s") each"
            : "\(figure.candidateRuns) vs \(figure.referenceRuns) runs"
        return "\(figure.verdict.words), adjusted p \(String(format: "%.1g", figure.adjustedP)), \(runs)"
    }
}
