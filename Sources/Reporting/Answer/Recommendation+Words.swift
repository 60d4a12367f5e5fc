import Foundation
import BenchModel
import MemoryProbe
import Statistics

/// The recommendation's sentences: the figures and confidence behind each action, and what the
/// measurement does not cover.
extension Recommendation {
    /// "**Fix the code**: `batched` instead of `load-all`, peak −94 % (…; beyond noise, …)".
    static func fixSentence(_ fix: Comparison) -> String {
        "**Fix the code**: \(Markdown.code(fix.candidateVariant)) instead of \(Markdown.code(fix.referenceVariant)), "
            + "peak \(Findings.change(fix.verdict.candidateMedian, from: fix.verdict.referenceMedian)) "
            + "(\(mebibytes(fix.verdict.candidateMedian, signed: true)) vs \(mebibytes(fix.verdict.referenceMedian, signed: true)) under \(ComparisonPlan.referenceConfiguration); \(confidence(fix.verdict)))"
    }

    /// "**Cap the arenas** (`MALLOC_ARENA_MAX=2`): in `threaded`, settled −40 % (…), no figure
    /// higher beyond noise", or "then, if that is not enough, switch to jemalloc-preload: …".
    static func configurationSentence(_ best: Comparison, action: Action, setup: AllocatorConfiguration?, first: Bool,
                                      variant: String) -> String {
        let verb: String
        if case .capArenas = action {
            let setting = setup?.environment.sorted { $0.key < $1.key }.map { Markdown.code("\($0.key)=\($0.value)") }.joined(separator: " ") ?? ""
            verb = "cap the arenas" + (setting.isEmpty ? "" : " (\(setting))")
        } else {
            verb = "switch to \(best.candidateConfiguration)"
        }
        let lead = first ? "**\(verb.prefix(1).uppercased() + verb.dropFirst())**" : "then, if that is not enough, \(verb)"
        return "\(lead): in \(Markdown.code(variant)), \(best.metric.words) "
            + "\(Findings.change(best.verdict.candidateMedian, from: best.verdict.referenceMedian)) "
            + "(\(mebibytes(best.verdict.candidateMedian, signed: true)) vs \(mebibytes(best.verdict.referenceMedian, signed: true)); \(confidence(best.verdict))), no figure higher beyond noise"
    }

    /// "worse beyond noise: jemalloc-preload and jemalloc-linked (after release +120 %)":
    /// configurations that are worse in the same words share them (preload and linked).
    static func worseSentence(_ worse: [Comparison]) -> String {
        let named = worse.groupedInOrder { "\($0.metric.words) \(Findings.change($0.verdict.candidateMedian, from: $0.verdict.referenceMedian))" }
        return "worse beyond noise: " + named.map { "\($0.elements.map(\.candidateConfiguration).joined(separator: " and ")) (\($0.key))" }.joined(separator: ", ")
    }

    /// "beyond noise, adjusted p 2e-05, 3 runs each".
    static func confidence(_ verdict: Verdict) -> String {
        "\(verdict.kind.words), adjusted p \(String(format: "%.1g", verdict.adjustedP)), \(Findings.runs(verdict))"
    }

    /// What the measurement does not cover: where and how long it ran.
    static func caveat(_ report: Report, scenario: ScenarioDescription, size: Int, variant: String) -> String {
        let cells = report.cells(scenario: scenario.name, size: size).filter { $0.key.variant == variant && $0.status == .ok }
        let wall = cells.first { $0.key.allocator == ComparisonPlan.referenceConfiguration }?.wallSeconds?.median ?? cells.first?.wallSeconds?.median
        let cores = report.environment.cores > 0 ? "\(report.environment.cores) cores" : "an unknown number of cores"
        let duration = wall.map { String(format: "for %.1f s", $0) } ?? ""
        let exec = report.hasExecRuns(scenario: scenario.name)
        var text = exec ? "measured with `bench exec` on \(cores) \(duration)" : "measured in a Swift worker on \(cores) \(duration)"
        text = text.trimmingCharacters(in: .whitespaces)
        if report.environment.buildConfiguration != "release" { text += ", debug build" }
        text += exec ? "; a service's memory depends on its load and uptime." : "; for a long-running service, measure the service itself with `bench exec --duration`."
        return text
    }
}

/// The allocator side of one pitfall: the configuration that lowers a figure most (relative to
/// glibc) beyond noise while raising none, the figures some configuration makes worse beyond
/// noise (the largest rise per configuration), and how many comparisons are undecided.
struct AllocatorJudgement {
    var best: Comparison?
    var worse: [Comparison] = []
    var undecided = 0

    init(_ comparisons: [Comparison]) {
        let configurations = comparisons.map(\.candidateConfiguration).uniqued()
        var candidates: [Comparison] = []
        for configuration in configurations {
            let mine = comparisons.filter { $0.candidateConfiguration == configuration }
            let raised = mine.filter { $0.verdict.kind == .beyondNoise && $0.verdict.effect > 0 }
            worse += raised
            undecided += mine.filter { $0.verdict.kind == .undecided }.count
            guard raised.isEmpty else { continue }
            candidates += mine.filter { $0.verdict.kind == .beyondNoise && $0.verdict.effect < 0 }
        }
        best = candidates.min { relative($0) < relative($1) }
        // The largest rise per configuration is enough to warn.
        var strongest: [String: Comparison] = [:]
        for comparison in worse where relative(comparison) > strongest[comparison.candidateConfiguration].map(relative) ?? -.infinity {
            strongest[comparison.candidateConfiguration] = comparison
        }
        worse = configurations.compactMap { strongest[$0] }
    }

    func relative(_ comparison: Comparison) -> Double {
        comparison.verdict.referenceMedian == 0 ? comparison.verdict.effect : comparison.verdict.effect / abs(comparison.verdict.referenceMedian)
    }
}
