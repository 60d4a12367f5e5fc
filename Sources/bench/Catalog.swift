import ArgumentParser
import MemoryProbe
import Suite
import Synchronization

/// The built-in worker's scenarios, as it describes them (`bench-worker catalog`): the CLI
/// knows no scenario of its own. Asked once per command.
enum Catalog {
    private static let cached = Mutex<ScenarioCatalogDescription?>(nil)

    static func load() throws -> ScenarioCatalogDescription {
        if let catalog = cached.withLock({ $0 }) { return catalog }
        let catalog = try WorkerSet().catalog()
        cached.withLock { $0 = catalog }
        return catalog
    }

    /// Visible scenarios first, as `bench all` runs them, then the hidden ones.
    static var visible: [ScenarioDescription] { get throws { try load().scenarios.filter { !$0.isHidden } } }

    /// The scenario, or a one-line error naming the known ones (exit 64).
    static func scenario(_ name: String) throws -> ScenarioDescription {
        let catalog = try load()
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
