import ArgumentParser
import Foundation
import BenchModel
import Reporting

/// `bench baseline list`: each saved baseline with the run, testbed and build it holds.
struct BaselineListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the package's baselines with the run, testbed and build each holds.")

    @OptionGroup var package: BaselinePackage

    func run() throws {
        let names = package.store.names
        guard !names.isEmpty else {
            print("No baselines in \(package.store.url.path): save one with bench baseline save NAME")
            return
        }
        print("Baselines in \(package.store.url.path):")
        for name in names {
            let described: String
            do { described = baselineSummary(try GateOptions.load(package.store.report(name).path)) } catch let error as BenchError {
                described = "unreadable: \(error.description)"
            }
            print("  \(name): \(described)")
        }
    }
}
