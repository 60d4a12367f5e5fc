import ArgumentParser
import Foundation
import BenchModel
import Reporting

/// `bench baseline save NAME [RESULTS]`: the report kept under NAME, replacing an older one.
struct BaselineSaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save",
        abstract: "Keep a report (default: Reports/latest) as the baseline NAME, replacing one of that name.",
        discussion: "Exit status: 0 saved; 3 RESULTS is not a report bench can read; 64 a bad name; 74 the baseline cannot be written.")

    @Argument(help: "The baseline's name, e.g. main.")
    var name: String

    @Argument(help: "A run folder or its report.json (default: Reports/latest in the package).")
    var results: String?

    @OptionGroup var package: BaselinePackage

    func validate() throws { try BaselinePackage.check(name) }

    func run() throws {
        let command = "bench baseline save"
        let file = package.resultsFile(results)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw GateOptions.badInput("cannot read \(file)\(results == nil ? ": run a suite first (bench all), or name a run folder" : "")", command: command)
        }
        let report: Report
        do { report = try ReportLoader.decode(data, path: file) } catch let error as BenchError {
            throw GateOptions.badInput(error.description, command: command)
        }
        let replaced = try? GateOptions.load(package.store.report(name).path)
        do { try package.store.save(data, as: name) } catch let error as BenchError {
            FileHandle.standardError.write(Data("\(command): \(error.description)\n".utf8))
            throw ExitCode(74)
        }
        print("Saved baseline \(name): \(baselineSummary(report)) → \(package.store.report(name).path)"
              + (replaced.map { "; it replaces run \($0.runId)" } ?? ""))
    }
}
