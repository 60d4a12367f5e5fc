import Foundation
import MemoryProbe
import BenchModel

extension WorkerSet {
    /// The scenarios the worker can run, as it describes them (`bench-worker catalog`): the CLI
    /// learns names, variants, sizes and parameters the same way from the built-in worker as
    /// from a user's own, and the report records what it was given.
    public func catalog() throws -> ScenarioCatalogDescription {
        let glibc = AllocatorConfiguration(name: "glibc", summary: "", expectedKind: .glibc)
        let path = path(for: glibc)
        guard fileExists(path) else {
            throw BenchError.input("\(path) not found: build the package first (swift build -c release)")
        }
        let outcome = try ChildProcess(executable: path, arguments: WorkerRequest.catalog.arguments,
                                       environment: environment(for: glibc, scratch: "/tmp"), timeoutSeconds: 30).run()
        guard outcome.termination == .exited(0) else {
            throw BenchError.input("\(path) catalog ended with \(outcome.terminationDescription): \(outcome.stderrTail(lines: 2))")
        }
        do {
            let catalog = try JSONDecoder().decode(ScenarioCatalogDescription.self, from: outcome.stdout)
            try JSONSchemaVersion.require(catalog.schemaVersion, atMost: ScenarioCatalogDescription.currentSchemaVersion,
                                          in: "\(path)'s catalog", advice: "rebuild bench and its worker together")
            return catalog
        } catch let error as BenchError {
            throw error
        } catch {
            throw BenchError.input("\(path) catalog is not a scenario catalog (\(JSONSchemaVersion.describe(error)))")
        }
    }
}
