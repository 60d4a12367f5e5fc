/// What a `MemoryBenchmark` variant sees while it runs: its size and folders, its phases and
/// checks.
///
/// Everything a phase returns is kept here until the `release` phase begins, and dropped inside
/// it, so that `release` measures the free: no holder class is needed to keep a value alive from
/// one phase to the next, and Swift ending a local's lifetime after its last use cannot move the
/// free into an earlier phase.
public final class BenchmarkRun {
    /// The worker's context, for what this type does not forward (parameters as numbers,
    /// allocator statistics).
    public let context: RunContext
    public var size: Int { context.size }
    /// Where `prepare` left its inputs.
    public var cacheDirectory: String { context.cacheDirectory }
    /// A folder for the run's own output files, emptied by the runner.
    public var scratchDirectory: String { context.scratchDirectory }
    /// `--param key=value` settings (declared in `parameters:`).
    public var parameters: [String: String] { context.parameters }

    let scenario: String
    let variant: String
    /// The workload's phases, in the order the variant must run them.
    let phases: [String]
    private var phasesRun = 0
    private var openPhase: String?
    private var kept: [Any] = []

    init(context: RunContext, scenario: String, variant: String, phases: [String]) {
        self.context = context
        self.scenario = scenario
        self.variant = variant
        self.phases = phases
        kept.reserveCapacity(phases.count)
    }

    /// Measures `body` as the phase `name` (the next of the declared phases) and keeps what it
    /// returns alive until the `release` phase.
    public func phase<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try begin(name)
        defer { openPhase = nil }
        let result = try context.phase(name, body)
        kept.append(result)
        return result
    }

    /// Records a value of the work in the run's record (see `RunContext.check`): every variant
    /// of one size must record the same value unless it is `informational` (a timing, a rate).
    public func check(_ name: String, _ value: Int, informational: Bool = false) {
        context.check(name, value, informational: informational)
    }

    /// The value a check recorded, for `verify` to compare the output with.
    public func checked(_ name: String) -> Int? { context.checks[name] }

    func begin(_ name: String) throws {
        let subject = "\(scenario) \(variant)"
        if let openPhase {
            throw ScenarioCheckFailed("\(subject) begins phase \(name) inside phase \(openPhase): phases follow one another")
        }
        guard phasesRun < phases.count, phases[phasesRun] == name else {
            let expected = phasesRun < phases.count ? "phase \(phases[phasesRun])" : "no more phases"
            throw ScenarioCheckFailed("\(subject) runs phase \(name) where it declares \(expected) (phases: \(phases.joined(separator: ", "))): declare them in order with phases:")
        }
        phasesRun += 1
        openPhase = name
    }

    /// The `release` phase, once the variant has returned: what its phases returned is dropped
    /// inside it.
    func release() throws {
        guard phasesRun == phases.count else {
            throw ScenarioCheckFailed("\(scenario) \(variant) ran phases \(phases.prefix(phasesRun).joined(separator: ", ")) of \(phases.joined(separator: ", ")): run every declared phase")
        }
        try context.phase(MemoryBenchmark.releasePhaseName) { kept.removeAll() }
    }

    /// The `verify` phase: `body` checks the output, with no phase of its own inside.
    func verification(_ body: () throws -> Void) throws {
        openPhase = MemoryBenchmark.verifyPhaseName
        defer { openPhase = nil }
        try context.phase(MemoryBenchmark.verifyPhaseName, body)
    }
}
