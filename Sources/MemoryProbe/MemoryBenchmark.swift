/// A benchmark of a package's own code, declared with closures: the lighter form of `Scenario`.
///
///     MemoryBenchmark("csv-parse", size: 200_000, unit: "rows", phases: ["parse"]) {
///         Variant("swiftcsv") { run in
///             let csv = try run.phase("parse") { try EnumeratedCSV(url: file) }
///             run.check("rows", csv.rows.count)
///         }
///         Variant("csv-stream") { run in … }
///     }
///
/// Each variant runs its `phases` in order (`run.phase`), then MemoryBenchmark runs `release`,
/// in which it drops everything the phases returned (see `BenchmarkRun`), then `verify` when
/// given. Two or more variants without `comparisons` are alternatives, each measured against
/// the first; declare `.fix(pitfall:fix:)` or `.control(_:of:)` where that is what they are.
public struct MemoryBenchmark: Scenario {
    public static let releasePhaseName = "release"
    public static let verifyPhaseName = "verify"

    public let name: String
    public let summary: String
    public let sizeUnit: String
    public let defaultSize: Int
    public let quickSize: Int
    public let variants: [ScenarioVariant]
    public let comparisons: [VariantComparison]
    public let verificationPhases: [String]
    public let parameters: [ParameterDeclaration]
    public let budgets: [Budget]
    let bodies: [Variant]
    let prepareInputs: (@Sendable (_ size: Int, _ cacheDirectory: String) throws -> Void)?
    let verify: (@Sendable (BenchmarkRun) throws -> Void)?

    /// - Parameters:
    ///   - size: how many `unit`s a run works on (`run.size`); `quickSize` (`--quick`) is a
    ///     tenth of it unless given.
    ///   - phases: the phases every variant runs, in order (a variant may declare its own).
    ///   - comparisons: nil: the variants are alternatives, each against the first.
    ///   - budgets: limits for every variant (a variant adds its own).
    ///   - prepare: makes inputs under the cache folder once per size, before any measured run.
    ///   - verify: checks the output after `release`, in a `verify` phase kept out of the peak.
    public init(_ name: String, size: Int = 100_000, quickSize: Int? = nil, unit: String = "items",
                summary: String? = nil, phases: [String] = ["work"], comparisons: [VariantComparison]? = nil,
                budgets: [Budget] = [], parameters: [ParameterDeclaration] = [],
                prepare: (@Sendable (_ size: Int, _ cacheDirectory: String) throws -> Void)? = nil,
                verify: (@Sendable (BenchmarkRun) throws -> Void)? = nil,
                @ListBuilder<Variant> variants: () -> [Variant]) {
        let declared = variants()
        let tail = [Self.releasePhaseName] + (verify == nil ? [] : [Self.verifyPhaseName])
        self.name = name
        self.summary = summary ?? declared.map(\.name).joined(separator: " vs ")
        self.sizeUnit = unit
        self.defaultSize = size
        self.quickSize = quickSize ?? max(1, size / 10)
        self.variants = declared.map { variant in
            ScenarioVariant(name: variant.name, summary: variant.summary ?? variant.name,
                            phases: (variant.phases ?? phases) + tail, maximumSize: variant.maximumSize)
        }
        self.comparisons = comparisons ?? declared.dropFirst().map { .alternatives(declared[0].name, $0.name) }
        self.verificationPhases = verify == nil ? [] : [Self.verifyPhaseName]
        self.parameters = parameters
        self.budgets = budgets + declared.flatMap { variant in variant.budgets.map { $0.applying(to: variant.name) } }
        self.bodies = declared
        self.prepareInputs = prepare
        self.verify = verify
    }

    public var releasePhase: String? { Self.releasePhaseName }

    /// Every phase but `verify`, in the order the variants declare them: a benchmark's phases
    /// are all its own work (a protocol scenario's first phase is often setup, and left out).
    public var reportedPhases: [String] {
        variants.flatMap(\.phases).reduce(into: []) { seen, phase in
            if !seen.contains(phase) && !verificationPhases.contains(phase) { seen.append(phase) }
        }
    }

    /// The last phase before `release`, where a variant holds the most it keeps.
    public var livePhase: String {
        reportedPhases.last { $0 != Self.releasePhaseName } ?? Self.releasePhaseName
    }

    public func prepare(size: Int, cacheDirectory: String) throws {
        try prepareInputs?(size, cacheDirectory)
    }

    /// The variant's phases, then `release` (what the phases returned is dropped there), then
    /// `verify`.
    public func run(variant name: String, context: RunContext) throws {
        guard let variant = bodies.first(where: { $0.name == name }),
              let declared = self.variant(named: name) else {
            throw ScenarioCheckFailed("\(self.name) has no variant \(name)")
        }
        let workload = Array(declared.phases.prefix { $0 != Self.releasePhaseName })
        let run = BenchmarkRun(context: context, scenario: self.name, variant: name, phases: workload)
        try variant.body(run)
        try run.release()
        if let verify { try run.verification { try verify(run) } }
    }
}

/// One variant of a `MemoryBenchmark`: its name and the closure that does its work.
public struct Variant: Sendable {
    public let name: String
    public let summary: String?
    /// Its phases, when they are not the benchmark's.
    public let phases: [String]?
    /// Limits for this variant alone.
    public let budgets: [Budget]
    /// The largest size it runs at (an O(n²) pitfall); nil: no limit.
    public let maximumSize: Int?
    let body: @Sendable (BenchmarkRun) throws -> Void

    public init(_ name: String, summary: String? = nil, phases: [String]? = nil, budgets: [Budget] = [],
                maximumSize: Int? = nil, _ body: @escaping @Sendable (BenchmarkRun) throws -> Void) {
        self.name = name
        self.summary = summary
        self.phases = phases
        self.budgets = budgets
        self.maximumSize = maximumSize
        self.body = body
    }
}

/// Collects the parts of a declaration written one per line (variants, benchmarks), with `if`
/// and `for` where a list depends on something.
@resultBuilder
public enum ListBuilder<Element> {
    public static func buildExpression(_ element: Element) -> [Element] { [element] }
    public static func buildExpression(_ elements: [Element]) -> [Element] { elements }
    public static func buildBlock(_ parts: [Element]...) -> [Element] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Element]?) -> [Element] { part ?? [] }
    public static func buildEither(first part: [Element]) -> [Element] { part }
    public static func buildEither(second part: [Element]) -> [Element] { part }
    public static func buildArray(_ parts: [[Element]]) -> [Element] { parts.flatMap { $0 } }
}
