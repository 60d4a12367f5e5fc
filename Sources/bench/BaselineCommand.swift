import ArgumentParser
import Foundation
import BenchModel
import Reporting

/// `bench baseline save|compare|check|list`: package-benchmark's named baselines for memory.
/// A baseline is a suite's report.json kept in the package under a name
/// (`.memorybench/baselines/NAME/report.json`, see `BaselineStore`); `compare` and `check`
/// judge a newer report against it exactly as `bench compare` does.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Keep a report under a name in the package, and compare or gate later reports against it.",
        discussion: """
            RESULTS is a run folder or its report.json (default: Reports/latest in the package). \
            A baseline holds one testbed's report: compare and check refuse a report of another \
            testbed as bench compare does (--across-testbeds to compare anyway).

            Examples:
              bench baseline save main                 # Reports/latest kept as `main`
              bench baseline check main                # exit 2 on a regression beyond 5 % and beyond noise
              bench baseline compare main Reports/2026-12-01T10-00-00Z --metric release
              bench baseline list
            """,
        subcommands: [BaselineSaveCommand.self, BaselineCompareCommand.self, BaselineCheckCommand.self, BaselineListCommand.self])
}

/// Where the package's baselines are, and which report a command reads.
struct BaselinePackage: ParsableArguments {
    @Option(name: .customLong("package-path"), help: ArgumentHelp("The package's folder (default: the current one).", valueName: "dir"))
    var packagePath: String = "."

    var store: BaselineStore { BaselineStore(package: packagePath) }

    /// RESULTS as a report.json: a run folder stands for its report.json; none given, the
    /// package's Reports/latest.
    func resultsFile(_ given: String?) -> String {
        guard let given else {
            return URL(fileURLWithPath: packagePath).appendingPathComponent(SuiteOptions.defaultOut)
                .appendingPathComponent(RunFolder.latestLinkName).appendingPathComponent(RunFolder.reportJSONFileName).path
        }
        return MergeCommand.reportFile(given)
    }

    /// The saved baseline `name`'s report.json, or one line and exit 3.
    func baseline(_ name: String, command: String) throws -> String {
        let file = store.report(name)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw GateOptions.badInput("no baseline named \(name): \(store.savedDescription); save one with bench baseline save \(name)", command: command)
        }
        return file.path
    }

    /// A baseline's name, checked (exit 64).
    static func check(_ name: String) throws {
        guard BaselineStore.isValidName(name) else {
            throw ValidationError("baseline name '\(name)': use 1 to 64 letters, digits, '-', '_' or '.', not starting with '.', e.g. main")
        }
    }
}

/// "run 2026-12-01T10-00-00Z, testbed vm (release build, 12 cells)".
func baselineSummary(_ report: Report) -> String {
    let testbed = report.environment.testbed.map { "testbed \($0.name)" } ?? "no testbed recorded"
    return "run \(report.runId), \(testbed) (\(report.environment.buildConfiguration) build, \(report.cells.count) cells\(report.partial ? ", partial" : ""))"
}
