import Foundation
import BenchModel
import MemoryProbe
import Statistics

/// The plain answer per scenario that opens report.md: fix the code, cap the arenas, switch
/// allocator, or keep glibc's default, taken only from the report's verdicts (never from prose),
/// with how sure the verdict is and what the measurement does not cover.
public struct Recommendation: Sendable {
    public enum Action: Equatable, Sendable {
        /// A fix lowers the pitfall's peak beyond noise.
        case fixCode(fix: String, pitfall: String)
        /// A configuration with an arena limit lowers a figure beyond noise and raises none.
        case capArenas(configuration: String)
        /// Another allocator lowers a figure beyond noise and raises none.
        case switchAllocator(configuration: String)
        /// Nothing lowers the pitfall beyond noise.
        case keepDefault
    }

    public var scenario: String
    public var size: Int
    /// The first action is the answer; a second is what the allocator can add after it.
    public var actions: [Action]
    /// The sentence after the scenario's name, in Markdown.
    public var text: String

    /// One per scenario that made comparisons, at its main size (`Report.mainSize`).
    public static func derive(from report: Report) -> [Recommendation] {
        report.scenarios.compactMap { scenario in
            guard let size = report.mainSize(of: scenario.name) else { return nil }
            let here = report.comparisons.filter { $0.scenario == scenario.name && $0.size == size }
            guard !here.isEmpty else { return nil }
            return make(report, scenario: scenario, size: size, comparisons: here)
        }
    }

    /// The fixes compared with their pitfalls under glibc.
    static func fixesUnderReference(_ comparisons: [Comparison]) -> [Comparison] {
        comparisons.filter { $0.kind == .fix && $0.referenceConfiguration == ComparisonPlan.referenceConfiguration }
    }

    /// The fix that lowers the peak most beyond noise under glibc: the one a recommendation
    /// names and the verdict table shows.
    static func bestFix(_ comparisons: [Comparison]) -> Comparison? {
        fixesUnderReference(comparisons).filter { $0.verdict.kind == .beyondNoise && $0.verdict.effect < 0 }.min { $0.verdict.effect < $1.verdict.effect }
    }

    /// The variant the allocator story is about: the best fix's pitfall, else the first declared
    /// pitfall, else (a `bench exec` command declares none) the first variant compared across
    /// configurations.
    static func allocatorVariant(_ scenario: ScenarioDescription, comparisons: [Comparison]) -> String {
        bestFix(comparisons)?.referenceVariant ?? scenario.comparisons.first?.pitfall
            ?? scenario.variants.map(\.name).first { name in comparisons.contains { $0.kind == .allocator && $0.referenceVariant == name } }
            ?? scenario.variants.first?.name ?? ""
    }

    static func make(_ report: Report, scenario: ScenarioDescription, size: Int, comparisons: [Comparison]) -> Recommendation {
        // Single runs decide nothing: say so rather than recommend.
        if comparisons.allSatisfy({ $0.verdict.kind == .notJudged }) {
            return Recommendation(scenario: scenario.name, size: size, actions: [],
                                  text: "**Not judged**: single runs, so no spread is known and no verdict is made; use `--runs 3` or more.")
        }
        let reference = ComparisonPlan.referenceConfiguration
        let fixes = fixesUnderReference(comparisons)
        let bestFix = bestFix(comparisons)
        let pitfall = allocatorVariant(scenario, comparisons: comparisons)
        let allocator = comparisons.filter { $0.kind == .allocator && $0.referenceVariant == pitfall }
        let judgement = AllocatorJudgement(allocator)

        var actions: [Action] = []
        var sentences: [String] = []
        if let fix = bestFix {
            actions.append(.fixCode(fix: fix.candidateVariant, pitfall: fix.referenceVariant))
            sentences.append("**Fix the code**: \(MarkdownReport.code(fix.candidateVariant)) instead of \(MarkdownReport.code(fix.referenceVariant)), "
                + "peak \(Findings.change(fix.verdict.candidateMedian, from: fix.verdict.referenceMedian)) "
                + "(\(mebibytes(fix.verdict.candidateMedian, signed: true)) vs \(mebibytes(fix.verdict.referenceMedian, signed: true)) under \(reference); \(confidence(fix.verdict)))")
        }
        if let best = judgement.best {
            let configuration = report.environment.allocators.first { $0.configuration.name == best.candidateConfiguration }?.configuration
            let action: Action = configuration?.arenaLimit != nil ? .capArenas(configuration: best.candidateConfiguration)
                : .switchAllocator(configuration: best.candidateConfiguration)
            actions.append(action)
            let verb: String
            if case .capArenas = action {
                let setting = configuration?.environment.sorted { $0.key < $1.key }.map { "`\($0.key)=\($0.value)`" }.joined(separator: " ") ?? ""
                verb = "cap the arenas" + (setting.isEmpty ? "" : " (\(setting))")
            } else {
                verb = "switch to \(best.candidateConfiguration)"
            }
            let lead = actions.count == 1 ? "**\(verb.prefix(1).uppercased() + verb.dropFirst())**" : "then, if that is not enough, \(verb)"
            sentences.append("\(lead): in \(MarkdownReport.code(pitfall)), \(best.metric.words) "
                + "\(Findings.change(best.verdict.candidateMedian, from: best.verdict.referenceMedian)) "
                + "(\(mebibytes(best.verdict.candidateMedian, signed: true)) vs \(mebibytes(best.verdict.referenceMedian, signed: true)); \(confidence(best.verdict))), no figure higher beyond noise")
        } else if !allocator.isEmpty {
            if actions.isEmpty { actions.append(.keepDefault) }
            let lead = bestFix == nil ? "**Keep glibc's default**: no" : "keep glibc's default allocator: no"
            sentences.append("\(lead) configuration lowers \(MarkdownReport.code(pitfall)) beyond noise without raising another figure")
        } else if actions.isEmpty {
            actions.append(.keepDefault)
            sentences.append("**No change found**: " + (scenario.comparisons.isEmpty
                ? "no fix is declared and no configuration was compared with glibc" : "no fix lowers the peak beyond noise"))
        }
        if bestFix == nil, let open = fixes.filter({ $0.verdict.kind == .undecided }).min(by: { $0.verdict.effect < $1.verdict.effect }) {
            sentences.append("the fix is undecided: \(MarkdownReport.code(open.candidateVariant)) instead of \(MarkdownReport.code(open.referenceVariant)), "
                + "peak \(Findings.change(open.verdict.candidateMedian, from: open.verdict.referenceMedian)) (more runs would decide)")
        }
        if !judgement.worse.isEmpty {
            // Configurations that are worse in the same words share them (preload and linked).
            var named: [(names: [String], story: String)] = []
            for comparison in judgement.worse {
                let story = "\(comparison.metric.words) \(Findings.change(comparison.verdict.candidateMedian, from: comparison.verdict.referenceMedian))"
                if let index = named.firstIndex(where: { $0.story == story }) {
                    named[index].names.append(comparison.candidateConfiguration)
                } else {
                    named.append(([comparison.candidateConfiguration], story))
                }
            }
            sentences.append("worse beyond noise: " + named.map { "\($0.names.joined(separator: " and ")) (\($0.story))" }.joined(separator: ", "))
        }
        if judgement.undecided > 0 {
            sentences.append("\(judgement.undecided) allocator comparison\(judgement.undecided == 1 ? " is" : "s are") undecided (more runs would decide)")
        }
        var text = sentences.joined(separator: "; ") + "."
        text += " *Caveat:* " + caveat(report, scenario: scenario, size: size, variant: pitfall)
        return Recommendation(scenario: scenario.name, size: size, actions: actions, text: text)
    }

    /// The allocator side of one pitfall: the configuration that lowers a figure most (relative
    /// to glibc) beyond noise while raising none, the figures some configuration makes worse
    /// beyond noise (one per configuration and metric, preload and linked folded by the caller's
    /// reading), and how many comparisons are undecided.
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
        let exec = report.runs.contains { $0.scenario == scenario.name && $0.exec != nil }
        var text = exec ? "measured with `bench exec` on \(cores) \(duration)" : "measured in a Swift worker on \(cores) \(duration)"
        text = text.trimmingCharacters(in: .whitespaces)
        if report.environment.buildConfiguration != "release" { text += ", debug build" }
        text += exec ? "; a service's memory depends on its load and uptime." : "; for a long-running service, measure the service itself with `bench exec --duration`."
        return text
    }
}

extension Report {
    /// The size most configurations ran a scenario at (the suite's main size), the largest if tied.
    public func mainSize(of scenario: String) -> Int? {
        func configurations(_ size: Int) -> Int { Set(cells(scenario: scenario, size: size).map(\.key.allocator)).count }
        return sizes(of: scenario).max { (configurations($0), $0) < (configurations($1), $1) }
    }
}
