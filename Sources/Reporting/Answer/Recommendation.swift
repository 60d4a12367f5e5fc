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
    /// The variant the allocator advice is about (`allocatorVariant`).
    public var variant: String
    /// The fix named: the one that lowers the peak most beyond noise under glibc.
    public var fix: Comparison?
    /// The configuration named: the largest relative drop beyond noise among those raising no
    /// figure beyond noise (`AllocatorJudgement`).
    public var configuration: Comparison?
    /// The sentence after the scenario's name, in Markdown.
    public var text: String

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
    /// pitfall, else the first variant compared across configurations.
    static func allocatorVariant(_ scenario: ScenarioDescription, comparisons: [Comparison]) -> String {
        bestFix(comparisons)?.referenceVariant ?? scenario.comparisons.first?.pitfall
            ?? scenario.variants.map(\.name).first { name in comparisons.contains { $0.kind == .allocator && $0.referenceVariant == name } }
            ?? scenario.variants.first?.name ?? ""
    }

    /// The recommendation for one scenario at `size`, from its comparisons there (not empty).
    init(_ report: Report, scenario: ScenarioDescription, size: Int, comparisons: [Comparison]) {
        self.scenario = scenario.name
        self.size = size
        let fix = Self.bestFix(comparisons)
        let variant = Self.allocatorVariant(scenario, comparisons: comparisons)
        self.fix = fix
        self.variant = variant
        // Single runs decide nothing: say so rather than recommend.
        guard !comparisons.allSatisfy({ $0.verdict.kind == .notJudged }) else {
            actions = []
            configuration = nil
            text = "**Not judged**: single runs, so no spread is known and no verdict is made; use `--runs 3` or more."
            return
        }
        let allocator = comparisons.filter { $0.kind == .allocator && $0.referenceVariant == variant }
        let judgement = AllocatorJudgement(allocator)
        configuration = judgement.best
        var actions: [Action] = []
        var sentences: [String] = []
        if let fix {
            actions.append(.fixCode(fix: fix.candidateVariant, pitfall: fix.referenceVariant))
            sentences.append(Self.fixSentence(fix))
        }
        if let best = judgement.best {
            let setup = report.environment.allocators.first { $0.configuration.name == best.candidateConfiguration }?.configuration
            let action: Action = setup?.arenaLimit != nil ? .capArenas(configuration: best.candidateConfiguration)
                : .switchAllocator(configuration: best.candidateConfiguration)
            actions.append(action)
            sentences.append(Self.configurationSentence(best, action: action, setup: setup, first: actions.count == 1, variant: variant))
        } else if !allocator.isEmpty {
            if actions.isEmpty { actions.append(.keepDefault) }
            let lead = fix == nil ? "**Keep glibc's default**: no" : "keep glibc's default allocator: no"
            sentences.append("\(lead) configuration lowers \(Markdown.code(variant)) beyond noise without raising another figure")
        } else if actions.isEmpty {
            actions.append(.keepDefault)
            sentences.append("**No change found**: " + (scenario.comparisons.isEmpty
                ? "no fix is declared and no configuration was compared with glibc" : "no fix lowers the peak beyond noise"))
        }
        if fix == nil, let open = Self.fixesUnderReference(comparisons).filter({ $0.verdict.kind == .undecided }).min(by: { $0.verdict.effect < $1.verdict.effect }) {
            sentences.append("the fix is undecided: \(Markdown.code(open.candidateVariant)) instead of \(Markdown.code(open.referenceVariant)), "
                + "peak \(Findings.change(open.verdict.candidateMedian, from: open.verdict.referenceMedian)) (more runs would decide)")
        }
        if !judgement.worse.isEmpty { sentences.append(Self.worseSentence(judgement.worse)) }
        if judgement.undecided > 0 {
            sentences.append("\(judgement.undecided) allocator comparison\(judgement.undecided == 1 ? " is" : "s are") undecided (more runs would decide)")
        }
        self.actions = actions
        text = sentences.joined(separator: "; ") + ". *Caveat:* " + Self.caveat(report, scenario: scenario, size: size, variant: variant)
    }
}
