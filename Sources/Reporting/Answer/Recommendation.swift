import Foundation
import BenchModel
import MemoryProbe
import Statistics

/// A scenario's one answer, decided once from the report's verdicts (never from prose) and read
/// by everything that shows it: the verdict table, "What to do", report.json's
/// `recommendations`. It says what to change (in the code, in the allocator), the figure each
/// change improves with its verdict, every figure the change may make worse (worse beyond noise,
/// or undecided in the worse direction), and which question it answers (the job or service it
/// was measured on). Controls are shown, never recommended.
public struct Recommendation: Codable, Sendable {
    public enum Action: String, Codable, Sendable {
        /// Use the fix instead of the pitfall.
        case fixCode
        /// Of two alternatives, use the one that holds less.
        case chooseAlternative
        /// Set an arena limit (a glibc configuration with `MALLOC_ARENA_MAX`).
        case capArenas
        /// Use another allocator (or the same with other settings).
        case switchAllocator
        /// Keep glibc's default allocator: nothing lowers a figure without a cost.
        case keepDefault
        /// Nothing decided: single runs, or every comparison undecided.
        case notJudged
    }

    /// One figure of one comparison, as the advice states it.
    public struct Figure: Codable, Sendable {
        public var metric: Comparison.Metric
        /// The side the change would be (the fix, the alternative, the configuration) and its reference.
        public var candidateVariant: String
        public var candidateConfiguration: String
        public var referenceVariant: String
        public var referenceConfiguration: String
        public var referenceMedian: Double
        public var candidateMedian: Double
        public var verdict: Verdict.Kind
        public var adjustedP: Double
        public var referenceRuns: Int
        public var candidateRuns: Int
        /// The equivalence margin, and the smallest difference the runs could have called beyond noise.
        public var margin: Double
        public var smallestDetectableEffect: Double?
        /// For undecided: more runs per side that would likely decide; nil: none would.
        public var additionalRunsPerSide: Int?

        init(_ comparison: Comparison) {
            let v = comparison.verdict
            metric = comparison.metric
            candidateVariant = comparison.candidateVariant
            candidateConfiguration = comparison.candidateConfiguration
            referenceVariant = comparison.referenceVariant
            referenceConfiguration = comparison.referenceConfiguration
            referenceMedian = v.referenceMedian
            candidateMedian = v.candidateMedian
            verdict = v.kind
            adjustedP = v.adjustedP
            referenceRuns = v.referenceRuns
            candidateRuns = v.candidateRuns
            margin = v.margin
            smallestDetectableEffect = v.smallestDetectableEffect
            additionalRunsPerSide = v.additionalRunsPerSide
        }

        /// Lower than the reference beyond noise, or shown within the margin: known not to be worse.
        var isDecidedNoWorse: Bool {
            verdict == .withinNoise || (verdict == .beyondNoise && candidateMedian < referenceMedian)
        }

        /// Lower than the reference (beyond noise or not).
        var isLower: Bool { candidateMedian < referenceMedian }

        /// Higher than the reference beyond noise, or undecided with a higher median.
        var isWorse: Bool {
            verdict == .beyondNoise ? candidateMedian > referenceMedian : verdict == .undecided && candidateMedian > referenceMedian
        }
    }

    /// One part of the advice: a change and what it does.
    public struct Change: Codable, Sendable {
        public var action: Action
        /// The variant to use (fix, alternative), or the variant the configuration applies to.
        public var variant: String
        /// The variant it replaces (fix and alternative).
        public var instead: String?
        /// The configuration to use (cap the arenas, switch allocator) and the variables it sets.
        public var configuration: String?
        public var setting: [String: String]?
        /// The figure it improves beyond noise (nil for keep-default and not-judged).
        public var improves: Figure?
        /// Every other figure of the same change that is worse beyond noise or undecided in the
        /// worse direction: what it may cost. Empty only when nothing is known to be worse.
        public var tradeOffs: [Figure]
        /// Figures shown within the margin (no difference).
        public var unchanged: [Comparison.Metric]
        /// Every other figure of the same change, in metric order (trade-offs included): "no
        /// other figure higher" is said only when each is decided (lower beyond noise or within
        /// the margin).
        public var others: [Figure]
        /// For keep-default: what each configuration that lowers something costs, and what each
        /// other one makes worse beyond noise (its largest rise).
        public var avoided: [Figure]
        /// For an allocator change: the other configurations that also lower a figure beyond noise
        /// and raise none beyond noise, each by its largest drop. Which of them lowers most can
        /// turn on the noise (twin suites of the same code named different ones), so the advice
        /// names them beside its choice.
        public var alsoLower: [Figure] = []
        /// A service's requests served per second under the named configuration and under glibc,
        /// medians of their runs, when the load's count is known: measured, not judged (no
        /// throughput verdict is made), shown because a memory gain may cost requests.
        public var requestsPerSecond: ServedRate?
    }

    /// Requests per second under a change and under its reference.
    public struct ServedRate: Codable, Sendable {
        public var candidate: Double
        public var reference: Double
    }

    public var scenario: String
    public var size: Int
    /// The question answered: "a Swift job like this one (…)", "this command (…)".
    public var question: String
    /// The code's part: use a fix or an alternative; nil when no variant comparison decided one.
    public var code: Change?
    /// The allocator's part; nil when no configuration was compared with glibc.
    public var allocator: Change?
    /// Controls compared (each a variant against its control on peak): shown, never advised.
    public var controls: [Figure]
    /// Variant comparisons left open on peak, undecided or not judged (so no code advice).
    public var openVariants: [Figure]
    /// How many allocator comparisons of the advice's variant are undecided.
    public var undecidedConfigurations: Int
    /// Every comparison had single runs: nothing is decided, nothing advised.
    public var notJudged: Bool
    /// The sentence of "What to do", in Markdown.
    public var text: String
}

extension Recommendation {
    /// The recommendation for one scenario at `size`, from its comparisons there (not empty).
    init(_ report: Report, scenario: ScenarioDescription, size: Int, comparisons: [Comparison]) {
        self.scenario = scenario.name
        self.size = size
        let variantComparisons = comparisons.filter { $0.kind.isVariantComparison && ComparisonPlan.isReference($0.referenceConfiguration) }
        let peaks = variantComparisons.filter { $0.metric == .peak }
        controls = peaks.filter { $0.kind == .control }.map(Figure.init)
        openVariants = peaks.filter { $0.kind != .control && [.undecided, .notJudged].contains($0.verdict.kind) }.map(Figure.init)
        code = Self.codeChange(peaks.filter { $0.kind != .control }, all: variantComparisons)
        let variant = Self.allocatorVariant(scenario, code: code, comparisons: comparisons)
        let allocators = comparisons.filter { $0.kind == .allocator && $0.referenceVariant == variant }
        undecidedConfigurations = allocators.filter { $0.verdict.kind == .undecided }.count
        allocator = allocators.isEmpty ? nil : Self.allocatorChange(allocators, variant: variant, report: report)
        if let configuration = allocator?.configuration,
           let candidate = report.cell(scenario.name, variant, configuration, size)?.steadyState?.requestsPerSecond,
           let reference = report.cell(scenario.name, variant, ComparisonPlan.referenceConfiguration, size)?.steadyState?.requestsPerSecond {
            allocator?.requestsPerSecond = ServedRate(candidate: candidate, reference: reference)
        }
        question = Self.question(report, scenario: scenario, size: size, variant: variant)
        notJudged = comparisons.allSatisfy { $0.verdict.kind == .notJudged }
        if notJudged { allocator = Change(action: .notJudged, variant: variant, tradeOffs: [], unchanged: [], others: [], avoided: []) }
        text = ""
        text = words
    }

    /// The fix (or alternative) that lowers the peak most beyond noise, with its other figures.
    static func codeChange(_ peaks: [Comparison], all: [Comparison]) -> Change? {
        guard let best = peaks.filter({ $0.verdict.kind == .beyondNoise && $0.verdict.effect < 0 }).min(by: { $0.verdict.effect < $1.verdict.effect })
        else { return nil }
        let mine = all.filter { $0.referenceVariant == best.referenceVariant && $0.candidateVariant == best.candidateVariant && $0.metric != .peak }
        return Change(action: best.kind == .fix ? .fixCode : .chooseAlternative, variant: best.candidateVariant,
                      instead: best.referenceVariant, improves: Figure(best),
                      tradeOffs: mine.map(Figure.init).filter(\.isWorse),
                      unchanged: mine.filter { $0.verdict.kind == .withinNoise }.map(\.metric), others: mine.map(Figure.init), avoided: [])
    }

    /// The variant the allocator advice is about: the fixed pitfall (if the code cannot change,
    /// this is what runs), else the variant a control is for, else the first declared
    /// comparison's reference, else the first variant compared across configurations.
    static func allocatorVariant(_ scenario: ScenarioDescription, code: Change?, comparisons: [Comparison]) -> String {
        if let code { return code.action == .fixCode ? code.instead ?? code.variant : code.variant }
        if let control = scenario.comparisons.first(where: { $0.kind == .control }) { return control.candidate }
        return scenario.comparisons.first?.reference
            ?? scenario.variants.map(\.name).first { name in comparisons.contains { $0.kind == .allocator && $0.referenceVariant == name } }
            ?? scenario.variants.first?.name ?? ""
    }

    /// The configuration that lowers a memory figure most (relative to glibc) beyond noise and
    /// makes none worse beyond noise, with what it may still cost; else keep glibc's default,
    /// with what each configuration would cost. A service (or soak) is judged by its plateau, the
    /// level it runs at after its warm-up: its peak and its RSS after shutdown are trade-offs to
    /// show, not what a service owner chooses an allocator by.
    static func allocatorChange(_ comparisons: [Comparison], variant: String, report: Report) -> Change {
        let configurations = comparisons.map(\.candidateConfiguration).uniqued()
        let judgedBy: Set<Comparison.Metric>? = comparisons.contains { $0.metric == .plateau } ? [.plateau] : nil
        var eligible: [(best: Comparison, mine: [Comparison])] = []
        var avoided: [Figure] = []
        for configuration in configurations {
            let mine = comparisons.filter { $0.candidateConfiguration == configuration }
            let lower = mine.filter { $0.metric.isBytes && (judgedBy?.contains($0.metric) ?? true)
                && $0.verdict.kind == .beyondNoise && $0.verdict.effect < 0 }
            let worse = mine.filter { $0.verdict.kind == .beyondNoise && $0.verdict.effect > 0 }
            if let best = lower.min(by: { relative($0) < relative($1) }) {
                if worse.isEmpty { eligible.append((best, mine)) } else { avoided.append(Figure(best)) }
            }
            if let strongest = worse.max(by: { relative($0) < relative($1) }) { avoided.append(Figure(strongest)) }
        }
        let ranked = eligible.sorted { relative($0.best) < relative($1.best) }
        guard let (best, mine) = ranked.first else {
            return Change(action: .keepDefault, variant: variant, tradeOffs: [], unchanged: [], others: [], avoided: avoided)
        }
        let setup = report.environment.allocators.first { $0.configuration.name == best.candidateConfiguration }?.configuration
        let others = mine.filter { $0.metric != best.metric }
        return Change(action: setup?.arenaLimit != nil ? .capArenas : .switchAllocator, variant: variant, instead: nil,
                      configuration: best.candidateConfiguration, setting: setup?.environment, improves: Figure(best),
                      tradeOffs: others.map(Figure.init).filter(\.isWorse),
                      unchanged: others.filter { $0.verdict.kind == .withinNoise }.map(\.metric), others: others.map(Figure.init), avoided: [],
                      alsoLower: ranked.dropFirst().map { Figure($0.best) })
    }

    static func relative(_ comparison: Comparison) -> Double {
        comparison.verdict.referenceMedian == 0 ? comparison.verdict.effect : comparison.verdict.effect / abs(comparison.verdict.referenceMedian)
    }

    /// The question the advice answers: where it was measured, on what work.
    static func question(_ report: Report, scenario: ScenarioDescription, size: Int, variant: String) -> String {
        let cell = report.cell(scenario.name, variant, ComparisonPlan.referenceConfiguration, size)
            ?? report.cells(scenario: scenario.name, size: size).first { $0.key.variant == variant && $0.status == .ok }
        let peak = cell?.peakOverBaselineBytes.map { "peak \(mebibytes($0.median, signed: true))" }
        let wall = cell?.wallSeconds.map { String(format: "%.1f s", $0.median) }
        var cores = report.environment.cores > 0 ? "\(report.environment.cores) cores" : "an unknown number of cores"
        // --cores-like: the arena caps of a bigger machine, on this one's cores.
        if let like = report.environment.coresLike { cores += " with the arena caps of \(like) CPUs (--cores-like)" }
        let build = report.environment.buildConfiguration == "release" ? "" : ", debug build"
        let services = report.runs.filter { $0.scenario == scenario.name && $0.variant == variant && $0.status == .ok }.compactMap { $0.exec?.service }
        if !services.isEmpty {
            let window = Sample.median(services.compactMap(\.durationSeconds)).map { String(format: "a %.0f s window", $0) }
            let requests = Sample.median(services.compactMap { $0.requests.map(Double.init) }).map { "\(grouped(Int($0.rounded()))) requests a run" }
            let figures = ([window, requests, peak].compactMap { $0 } + [cores]).joined(separator: ", ")
            return "this service under this load (\(figures)\(build)); another load or a longer uptime can differ"
        }
        let figures = ([peak, wall].compactMap { $0 } + [cores]).joined(separator: ", ")
        if report.hasExecRuns(scenario: scenario.name) {
            return "this command as measured (\(figures)\(build)); no service was measured: for a service, `bench exec --duration`"
        }
        return "a Swift job like this one (\(Markdown.code(variant)): \(figures)\(build)), not a long-running service: measure a service itself with `bench exec --duration`"
    }
}
