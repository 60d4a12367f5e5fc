import Foundation
import MemoryProbe

/// `environment.json`, written beside `results.jsonl` when a suite starts (and completed with the
/// allocator preflights when it ends): what `bench report` needs to re-render a run folder
/// without inventing facts from the machine it runs on.
public struct RecordedMachineFacts: Codable, Sendable {
    public static let currentSchemaVersion = 1
    public static let fileName = "environment.json"

    public var schemaVersion: Int
    public var runId: String
    public var plannedRuns: Int
    public var runsPerCell: Int
    /// Allocator configurations in the order the suite ran them (the report's row order).
    public var allocatorOrder: [String]
    public var environment: MachineFacts
    /// The scenarios as the worker described them (`bench-worker catalog`) when the suite ran,
    /// so that re-rendering the folder uses the definitions its runs were made with. Absent in
    /// folders written before it was recorded, and for `bench exec` suites.
    public var scenarios: [ScenarioDescription]?

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

    public func write(to directory: URL) throws {
        try AtomicFile.write(try JSONCoding.encoder(pretty: true).encode(self), to: directory.appendingPathComponent(Self.fileName).path)
    }

    /// The recorded environment of a run folder, or nil when the suite did not record one.
    public static func load(from directory: URL) throws -> RecordedMachineFacts? {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let recorded: RecordedMachineFacts
        do {
            recorded = try JSONDecoder().decode(RecordedMachineFacts.self, from: data)
        } catch {
            throw BenchError.input("\(url.path) is not a readable environment record")
        }
        try JSONSchemaVersion.require(recorded.schemaVersion, atMost: currentSchemaVersion, in: url.path)
        return recorded
    }

    /// Stands in when a run folder has no environment record: every machine fact says unknown.
    public static func unknown(runId: String, plannedRuns: Int, allocatorOrder: [String]) -> RecordedMachineFacts {
        let environment = MachineFacts.unknown
        return RecordedMachineFacts(runId: runId, plannedRuns: plannedRuns, runsPerCell: 0, allocatorOrder: allocatorOrder,
                                   environment: environment)
    }
}
