import ArgumentParser
import Foundation
import BenchModel
import Reporting

/// What `bench baseline compare` and `check` take: the baseline's name, the report to judge
/// (default: the package's Reports/latest), the package, and `bench compare`'s options.
struct BaselineComparison: ParsableArguments {
    @Argument(help: "The baseline's name.")
    var name: String

    @Argument(help: "A run folder or its report.json (default: Reports/latest in the package).")
    var results: String?

    @OptionGroup var package: BaselinePackage
    @OptionGroup var gate: GateOptions

    func validate() throws { try BaselinePackage.check(name) }

    /// `bench compare BASELINE RESULTS`, a gate when `failOnRegression`.
    func judge(command: String, failOnRegression: Bool) throws {
        try gate.judge(base: try package.baseline(name, command: command), head: package.resultsFile(results), command: command,
                       failOnRegression: failOnRegression)
    }
}

/// `bench baseline compare NAME [RESULTS]`: the table of `bench compare BASELINE RESULTS`,
/// exit 0 whatever it says (see `check` for the gate).
struct BaselineCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a report (default: Reports/latest) with the baseline NAME, as bench compare does; never fails on a regression.",
        discussion: "Exit status: 0 compared (regressions or not); 3 bad input (no such baseline, an unreadable report, no cell in common, another testbed); 64 bad options; 74 the --export-json file cannot be written.")

    @OptionGroup var comparison: BaselineComparison

    func run() throws { try comparison.judge(command: "bench baseline compare", failOnRegression: false) }
}

/// `bench baseline check NAME [RESULTS]`: the same comparison as a gate.
struct BaselineCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Gate a report (default: Reports/latest) on the baseline NAME: exit 2 on a regression beyond --threshold and beyond noise.",
        discussion: "Exit status: 0 no regression; 2 a regression; 3 bad input (no such baseline, an unreadable report, no cell in common, another testbed); 64 bad options; 74 the --export-json file cannot be written.")

    @OptionGroup var comparison: BaselineComparison

    func run() throws { try comparison.judge(command: "bench baseline check", failOnRegression: true) }
}
