import ArgumentParser
import BenchModel
import Suite
import Exec
import Doctor
import MemoryProbe

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List scenarios, their variants, and the allocator configurations with whether each runs here.",
        discussion: "Each configuration is checked for real: a worker starts under it and proves which allocator serves malloc.")

    @Option(name: .long, help: ArgumentHelp("List the scenarios of a package's own worker (see `bench run --help`).", valueName: "path"))
    var worker: String?

    @Option(name: .customLong("worker-jemalloc"), help: ArgumentHelp(
        "The same target as --worker built linked against libjemalloc: jemalloc-linked is checked with it.", valueName: "path"))
    var jemallocWorker: String?

    func validate() throws {
        if jemallocWorker != nil && worker == nil {
            throw ValidationError("--worker-jemalloc is the jemalloc-linked build of a --worker: give --worker PATH too")
        }
    }

    func run() throws {
        let workers = WorkerSet(worker: try worker.map { try SuiteOptions.executable($0, option: "--worker") },
                                jemallocWorker: try jemallocWorker.map { try SuiteOptions.executable($0, option: "--worker-jemalloc") })
        print("Scenarios (`bench all` runs these; hidden ones below run only when named)")
        let catalog = try Catalog.load(workers).scenarios
        for scenario in catalog.filter({ !$0.isHidden }) + catalog.filter(\.isHidden) {
            let long = scenario.suiteDefaults?.tier == .long
            let hidden = scenario.isHidden ? " [hidden: calibration and tests of the harness]" : long ? " [long tier: only `bench all --long`]" : ""
            print("  \(scenario.name)\(hidden): \(scenario.summary)")
            print("    size: \(grouped(scenario.defaultSize)) \(scenario.sizeUnit) "
                  + (long ? "(never in --quick; short version: \(grouped(scenario.quickSize)))" : "(--quick: \(grouped(scenario.quickSize)))"))
            for variant in scenario.variants {
                print("    - \(variant.name): \(variant.summary)")
                print("      phases: \(variant.phases.joined(separator: " → "))"
                      + (variant.maximumSize.map { "; at most \(grouped($0)) \(scenario.sizeUnit)" } ?? ""))
            }
            for comparison in scenario.comparisons {
                let reference = switch comparison.kind {
                case .fix: "the pitfall"
                case .alternatives: "the alternative"
                case .control: "its control"
                }
                print("    compared: `\(comparison.candidate)` against \(reference) `\(comparison.reference)`")
            }
            for budget in scenario.budgets {
                print("    budget: \(budget.metric.rawValue) ≤ \(budget.metric.isBytes ? MemoryLimit.format(budget.limit) : "\(budget.limit)") for \(budget.variant.map { "`\($0)`" } ?? "every variant")")
            }
            for parameter in scenario.parameters {
                print("    --param \(parameter.key)=…: \(parameter.summary)")
            }
        }
        print("")
        print("Allocator configurations (* = in the default set)")
        for configuration in AllocatorConfiguration.builtIn() {
            let preflight = AllocatorPreflight.run(configuration, workers: workers)
            let marker = AllocatorConfiguration.defaultNames.contains(configuration.name) ? "*" : " "
            let status: String
            switch preflight.outcome {
            case .verified: status = "runs here: \(preflight.proof ?? "")"
            case .skipped: status = "not available: \(preflight.reason ?? "")"
            case .failed: status = "FAILS: \(preflight.reason ?? "")"
            }
            print(" \(marker) \(configuration.name): \(configuration.summary)")
            print("      \(status)")
        }
    }
}
