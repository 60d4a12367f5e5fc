/// One variant of a scenario: the pitfall or one of its fixes.
public struct ScenarioVariant: Sendable, Codable, Equatable {
    public var name: String
    public var summary: String
    /// The phases this variant measures, in order (for `bench list` and the report).
    public var phases: [String]

    public init(name: String, summary: String, phases: [String]) {
        self.name = name
        self.summary = summary
        self.phases = phases
    }
}

/// A workload that MemoryBench measures: a pitfall and its fixes, run on the same data.
///
/// `prepare` builds cached inputs (a database file) in a process of its own before any measured
/// run, so that setup never pollutes a measured process. `run` executes one variant inside a
/// worker, wrapping each part of the work in `context.phase(_:)`.
public protocol Scenario: Sendable {
    var name: String { get }
    var summary: String { get }
    /// What `size` counts ("rows", "records").
    var sizeUnit: String { get }
    var defaultSize: Int { get }
    var quickSize: Int { get }
    var variants: [ScenarioVariant] { get }
    /// The phases whose end-of-phase RSS the report's main table shows.
    var reportedPhases: [String] { get }
    /// The phase at whose end the report shows the allocator's live bytes.
    var livePhase: String { get }
    /// Hidden scenarios (calibration, fault injection) run only when named; `bench all` skips them.
    var isHidden: Bool { get }
    func prepare(size: Int, cacheDirectory: String) throws
    func run(variant: String, context: RunContext) throws
}

extension Scenario {
    public func variant(named name: String) -> ScenarioVariant? { variants.first { $0.name == name } }

    /// The phases whose end-of-phase RSS the report's main table shows (default: every phase
    /// after the first).
    public var reportedPhases: [String] {
        var seen: [String] = []
        for variant in variants { for phase in variant.phases.dropFirst() where !seen.contains(phase) { seen.append(phase) } }
        return seen
    }

    /// The phase at whose end the report shows the allocator's live bytes.
    public var livePhase: String { reportedPhases.first ?? "" }

    public var isHidden: Bool { false }
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

    /// Records a fact that proves the work was done (and keeps its value alive).
    public func check(_ name: String, _ value: Int) {
        checks[name] = value
    }
}

/// A scenario found its own output wrong: the run fails loudly rather than report numbers for
/// work it did not do.
public struct ScenarioCheckFailed: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
