/// One variant of a scenario: a pitfall or one of its fixes, one of several alternatives, a
/// control (see `VariantComparison`), or the same work with other settings (`sameWorkAs`).
public struct ScenarioVariant: Sendable, Codable, Equatable {
    public var name: String
    public var summary: String
    /// The phases this variant measures, in order (for `bench list` and the report).
    public var phases: [String]
    /// The largest size this variant runs at (an O(n²) pitfall): the worker refuses a larger
    /// size rather than run a smaller one silently. nil: no limit.
    public var maximumSize: Int?
    /// Set when this variant does the same work as the named variant with other settings (a
    /// longer settle): neither a pitfall nor a fix of it, and never compared with it as one.
    public var sameWorkAs: String?

    public init(name: String, summary: String, phases: [String], maximumSize: Int? = nil, sameWorkAs: String? = nil) {
        self.name = name
        self.summary = summary
        self.phases = phases
        self.maximumSize = maximumSize
        self.sameWorkAs = sameWorkAs
    }
}

/// A `--param key=value` setting a scenario reads, with what it does.
public struct ParameterDeclaration: Sendable, Codable, Equatable {
    public var key: String
    public var summary: String

    public init(key: String, summary: String) {
        self.key = key
        self.summary = summary
    }
}

/// A workload that MemoryBench measures: variants of one job (a pitfall and its fixes, or
/// alternatives), run on the same data. The protocol the built-in scenarios adopt; a package's
/// own code reads lighter as a `MemoryBenchmark` (which adopts it).
///
/// `prepare` builds cached inputs (a database file) in a process of its own before any measured
/// run, so that setup never pollutes a measured process. `run` executes one variant inside a
/// worker, wrapping each part of the work in `context.phase(_:)`: every part of it, checks of
/// the output included (in a verification phase, see `verificationPhases`).
public protocol Scenario: Sendable {
    var name: String { get }
    var summary: String { get }
    /// What `size` counts, the unit of work ("rows", "records").
    var sizeUnit: String { get }
    var defaultSize: Int { get }
    var quickSize: Int { get }
    var variants: [ScenarioVariant] { get }
    /// Every comparison the report may make between this scenario's variants, each a fix
    /// against its pitfall, two alternatives, or a variant against its control. A variant in none
    /// of them (the same work with other settings) is never compared with another.
    var comparisons: [VariantComparison] { get }
    /// The phases whose end-of-phase RSS the report's main table shows.
    var reportedPhases: [String] { get }
    /// The phase at whose end the report shows the allocator's live bytes.
    var livePhase: String { get }
    /// The phase after which the workload has dropped what it held, if it has one.
    var releasePhase: String? { get }
    /// Phases that check the workload's output (hash a table, count a file's lines): measured
    /// like every phase, marked `verification` in the record, and left out of the run's peak.
    var verificationPhases: [String] { get }
    /// The `--param` keys this scenario reads; the worker refuses any other.
    var parameters: [ParameterDeclaration] { get }
    /// Hidden scenarios (calibration, fault injection) run only when named; `bench all` skips them.
    var isHidden: Bool { get }
    /// How `bench all` runs this scenario, where it differs from every variant under every
    /// chosen configuration (default: it does not).
    var suiteDefaults: SuiteDefaults { get }
    /// The largest size `variant` runs at with these parameters (default: the variant's
    /// declared `maximumSize`).
    func maximumSize(of variant: String, parameters: [String: String]) throws -> Int?
    /// Limits the scenario sets on its runs' figures (peak, after release, allocations), for the
    /// report to judge; default none.
    var budgets: [Budget] { get }
    func prepare(size: Int, cacheDirectory: String) throws
    func run(variant: String, context: RunContext) throws
}

extension Scenario {
    public func variant(named name: String) -> ScenarioVariant? { variants.first { $0.name == name } }

    /// The phases whose end-of-phase RSS the report's main table shows (default: every phase
    /// after the first, verification phases left out).
    public var reportedPhases: [String] {
        var seen: [String] = []
        for variant in variants {
            for phase in variant.phases.dropFirst() where !seen.contains(phase) && !verificationPhases.contains(phase) {
                seen.append(phase)
            }
        }
        return seen
    }

    /// The phase at whose end the report shows the allocator's live bytes.
    public var livePhase: String { reportedPhases.first ?? "" }

    /// `release` when some variant has that phase.
    public var releasePhase: String? { variants.contains { $0.phases.contains("release") } ? "release" : nil }

    public var verificationPhases: [String] { [] }
    public var parameters: [ParameterDeclaration] { [] }
    public var isHidden: Bool { false }
    public var suiteDefaults: SuiteDefaults { .none }
    public var budgets: [Budget] { [] }

    public func maximumSize(of variant: String, parameters: [String: String]) throws -> Int? {
        self.variant(named: variant)?.maximumSize
    }

    /// The variants some fix is compared with, in declaration order.
    public var pitfalls: [String] {
        fixComparisons.map(\.pitfall).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The pitfalls `fix` is declared to cure, in declaration order.
    public func pitfalls(curedBy fix: String) -> [String] {
        fixComparisons.filter { $0.fix == fix }.map(\.pitfall)
    }

    /// The fixes declared for `pitfall`, in declaration order.
    public func fixes(of pitfall: String) -> [String] {
        fixComparisons.filter { $0.pitfall == pitfall }.map(\.fix)
    }

    private var fixComparisons: [VariantComparison] { comparisons.filter { $0.kind == .fix } }
}

/// What a scenario sees of the worker while it runs.
public final class RunContext {
    public let size: Int
    public let cacheDirectory: String
    /// A folder for the run's own output files; emptied by the runner.
    public let scratchDirectory: String
    /// Scenario-specific settings from the runner (`--param key=value` on the worker's command
    /// line), e.g. a thread count or a settle time.
    public let parameters: [String: String]
    let recorder: PhaseRecorder
    public private(set) var checks: [String: Int] = [:]
    /// The checks recorded as informational (a timing, a rate): they may differ between
    /// variants; every other check must agree across the variants of one size.
    public private(set) var informationalChecks: Set<String> = []

    public init(size: Int, cacheDirectory: String, scratchDirectory: String, parameters: [String: String] = [:],
                recorder: PhaseRecorder) {
        self.size = size
        self.cacheDirectory = cacheDirectory
        self.scratchDirectory = scratchDirectory
        self.parameters = parameters
        self.recorder = recorder
    }

    /// An integer parameter, or `fallback` when it is absent.
    public func intParameter(_ name: String, default fallback: Int) throws -> Int {
        guard let text = parameters[name] else { return fallback }
        guard let value = Int(text) else { throw ScenarioCheckFailed("parameter \(name)=\(text) is not an integer") }
        return value
    }

    /// A number parameter, or `fallback` when it is absent.
    public func doubleParameter(_ name: String, default fallback: Double) throws -> Double {
        guard let text = parameters[name] else { return fallback }
        guard let value = Double(text) else { throw ScenarioCheckFailed("parameter \(name)=\(text) is not a number") }
        return value
    }

    /// Measures `body` as the phase `name`.
    public func phase<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try recorder.begin(name)
        let result = try body()
        try recorder.end()
        return result
    }

    /// The `trim` phase: hands freed memory back to the system the allocator's own way.
    public func trimPhase() throws {
        try recorder.begin("trim")
        let what = recorder.allocator.trim()
        try recorder.end(note: what)
    }

    /// The allocator's statistics now (glibc arena count and live bytes, jemalloc resident…),
    /// for a scenario's checks; read outside hot loops (glibc's come from `malloc_info`).
    public func allocatorStats() -> AllocatorStats? { recorder.allocator.stats() }

    /// The allocator's statistics the recorder took as the last phase ended (no second read:
    /// `malloc_info` between phases would be work outside any phase).
    public var allocatorStatsAfterLastPhase: AllocatorStats? { recorder.phases.last?.allocatorStats }

    /// Records a value of the work (rows, bytes, a hash) in the run's record, and keeps it alive.
    /// It proves the variants did the same work: every variant of one size must record the same
    /// value, unless it is `informational` (a timing, a hit rate), recorded and never compared.
    public func check(_ name: String, _ value: Int, informational: Bool = false) {
        checks[name] = value
        if informational { informationalChecks.insert(name) } else { informationalChecks.remove(name) }
    }
}

/// A scenario found its own output wrong: the run fails loudly rather than report numbers for
/// work it did not do.
public struct ScenarioCheckFailed: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
