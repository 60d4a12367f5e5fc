import Foundation
import MemoryProbe

/// `environment.json` (see `RunFolder`), written beside `results.jsonl` when a suite starts (and
/// completed with the allocator preflights when it ends): what a report of the folder needs
/// without inventing facts from the machine it is rendered on.
public struct RecordedMachineFacts: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var runId: String
    public var plannedRuns: Int
    public var runsPerCell: Int
    /// Allocator configurations in the order the suite ran them (the report's row order).
    public var allocatorOrder: [String]
    public var environment: MachineFacts
    /// The scenarios as the worker described them (`bench-worker catalog`) when the suite ran,
    /// so that re-rendering the folder uses the definitions its runs were made with. Absent for
    /// `bench exec` suites.
    public var scenarios: [ScenarioDescription]?
    /// The suite's `--budget`s by scenario (absent: none), so a re-rendered report checks them too.
    public var budgets: [String: [Budget]]?

    public init(runId: String, plannedRuns: Int, runsPerCell: Int, allocatorOrder: [String], environment: MachineFacts,
                scenarios: [ScenarioDescription]? = nil) {
        self.schemaVersion = Self.currentSchemaVersion
        self.runId = runId
        self.plannedRuns = plannedRuns
        self.runsPerCell = runsPerCell
        self.allocatorOrder = allocatorOrder
        self.environment = environment
        self.scenarios = scenarios
    }

    /// The runs a report of `results` counts as planned: the plan's, less the repetitions of
    /// skipped cells (a skipped cell is recorded once, not once per repetition), plus the
    /// adaptive repetitions the suite added; never fewer than were made.
    public func plannedRuns(given results: [RunResult]) -> Int {
        guard runsPerCell > 0 else { return max(results.count, plannedRuns) }
        let skippedRepetitions = results.filter { $0.status == .skipped }.count * (runsPerCell - 1)
        let adaptive = results.filter { $0.repetition > runsPerCell }.count
        return max(results.count, plannedRuns - skippedRepetitions + adaptive)
    }

    /// Stands in when a run folder has no environment record: every machine fact says unknown.
    public static func unknown(runId: String, plannedRuns: Int, allocatorOrder: [String]) -> RecordedMachineFacts {
        let environment = MachineFacts.unknown
        return RecordedMachineFacts(runId: runId, plannedRuns: plannedRuns, runsPerCell: 0, allocatorOrder: allocatorOrder,
                                   environment: environment)
    }
}
