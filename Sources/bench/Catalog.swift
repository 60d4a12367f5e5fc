import ArgumentParser
import MemoryProbe
import Suite
import Synchronization

/// The worker's scenarios, as it describes them (`bench-worker catalog`, or a package's own
/// worker's with `--worker PATH`): the CLI knows no scenario of its own. Asked once per worker
/// and command.
enum Catalog {
    private static let cached = Mutex<[String: ScenarioCatalogDescription]>([:])

    static func load(_ workers: WorkerSet = WorkerSet()) throws -> ScenarioCatalogDescription {
        let key = workers.worker ?? workers.directory
        if let catalog = cached.withLock({ $0[key] }) { return catalog }
        let catalog = try workers.catalog()
        cached.withLock { $0[key] = catalog }
        return catalog
    }

    /// The scenario, or a one-line error naming the known ones (exit 64).
    static func scenario(_ name: String, in workers: WorkerSet = WorkerSet()) throws -> ScenarioDescription {
        let catalog = try load(workers)
        guard let found = catalog.scenario(named: name) else {
            throw ValidationError("unknown scenario '\(name)'; known: \(catalog.scenarios.map(\.name).joined(separator: ", "))")
        }
        return found
    }

    /// Checks `--variant` names and `--param` keys against the scenario's declarations, before
    /// any run starts.
    static func check(_ scenario: ScenarioDescription, variants: [String], parameters: [ScenarioParameter]) throws {
        for name in variants where !scenario.variants.contains(where: { $0.name == name }) {
            throw ValidationError("scenario \(scenario.name) has no variant '\(name)'; its variants: \(scenario.variants.map(\.name).joined(separator: ", "))")
        }
        let known = scenario.parameters.map(\.key)
        for parameter in parameters where !known.contains(parameter.key) {
            let accepted = known.isEmpty ? "it takes no parameters"
                : "its parameters: " + scenario.parameters.map { "\($0.key) (\($0.summary))" }.joined(separator: "; ")
            throw ValidationError("scenario \(scenario.name) has no parameter '\(parameter.key)'; \(accepted)")
        }
    }
}
