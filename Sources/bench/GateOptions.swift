import ArgumentParser
import Foundation
import BenchModel
import Reporting

/// How `bench compare` and `bench baseline compare|check` judge a head report against a base:
/// the metric, the thresholds, the testbed rule, the JSON export; and the one place that prints
/// the table and turns a decided regression into the gate's exit status (2). Bad input is one
/// line and exit 3; an unwritable export, 74.
struct GateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Smallest change that counts, in percent of the base median, e.g. 5% or 2.5.", valueName: "percent"))
    var threshold: Percent = Percent(value: 5)

    @Option(name: .customLong("export-json"), help: ArgumentHelp(
        "Also write the comparison as JSON: every cell with both medians, the change, the verdict and the statistics behind it (effect, interval, floor, p, adjusted p, runs, method).",
        valueName: "file"))
    var exportJSON: String?

    @Option(name: .long, help: ArgumentHelp("What to compare: peak (peak RSS over baseline), release (RSS after the release phase), time (wall time of the phases), allocations (mallocs of the phases, counted cells only: run with --count).", valueName: "peak|release|time|allocations"))
    var metric: ReportMetric = .peak

    @Option(name: .customLong("absolute-threshold"), help: ArgumentHelp(
        "With --metric allocations: the smallest change in mallocs per run that counts (default 0), beside --threshold's percentage; --threshold 0 --absolute-threshold 0 fails on any change beyond the runs' range.",
        valueName: "mallocs"))
    var absoluteThreshold: Int?

    @Flag(name: .customLong("across-testbeds"), help: "Compare reports of different testbeds (fingerprints) anyway; every line is labelled cross-machine.")
    var acrossTestbeds = false

    func validate() throws {
        if let absoluteThreshold {
            guard metric == .allocations else { throw ValidationError("--absolute-threshold applies to --metric allocations only") }
            guard absoluteThreshold >= 0 else { throw ValidationError("--absolute-threshold must be 0 or more mallocs") }
        }
    }

    /// Prints the comparison of `head` against `base` (each read from its path) and, with
    /// `failOnRegression`, exits 2 when a cell regressed. `command` names the messages' sender.
    func judge(base: String, head: String, command: String, failOnRegression: Bool) throws {
        let baseReport: Report
        let headReport: Report
        do {
            baseReport = try Self.load(base)
            headReport = try Self.load(head)
        } catch let error as BenchError {
            throw Self.badInput(error.description, command: command)
        }
        var comparison = ReportComparison(base: baseReport, head: headReport, metric: metric, thresholdPercent: threshold.value,
                                          absoluteThreshold: Double(absoluteThreshold ?? 0))
        switch TestbedMatch(base: baseReport, head: headReport) {
        case .same: break
        case .unknown(let why): comparison.warnings.append(why)
        case .different(let why):
            guard acrossTestbeds else { throw Self.badInput("\(why); lay them side by side with bench merge, or pass --across-testbeds", command: command) }
            comparison.crossMachine = why
        }
        guard !comparison.rows.isEmpty else {
            if metric == .allocations {
                throw Self.badInput("\(base) and \(head) have no counted cell in common: allocation counts come from counted configurations (NAME+count); run both with --count", command: command)
            }
            throw Self.badInput("\(base) and \(head) have no cell in common with a \(metric.rawValue) figure (\(baseReport.cells.count) and \(headReport.cells.count) cells; sizes must match)", command: command)
        }
        print(comparison.markdown(basePath: base, headPath: head), terminator: "")
        if let exportJSON {
            do {
                try AtomicFile.write(try JSONCoding.encoder(pretty: true).encode(comparison.exported(basePath: base, headPath: head)), to: exportJSON)
            } catch {
                FileHandle.standardError.write(Data("\(command): cannot write \(exportJSON): \(error)\n".utf8))
                throw ExitCode(74)
            }
        }
        let regressions = comparison.regressions
        guard !regressions.isEmpty else { return }
        let limit = metric == .allocations ? "\(absoluteThreshold ?? 0) mallocs and \(String(format: "%g", threshold.value)) %" : "\(String(format: "%g", threshold.value)) %"
        FileHandle.standardError.write(Data("\(command): \(regressions.count) regression(s) beyond \(limit) in \(metric.label)\n".utf8))
        if failOnRegression { throw ExitCode(2) }
    }

    /// Reads a report.json (the command reads files; Reporting only decodes).
    static func load(_ path: String) throws -> Report {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError.input("cannot read \(path)") }
        return try ReportLoader.decode(data, path: path)
    }

    /// Bad input: one line on stderr, then exit status 3.
    static func badInput(_ message: String, command: String) -> ExitCode {
        FileHandle.standardError.write(Data("\(command): \(message)\n".utf8))
        return ExitCode(3)
    }
}

extension ReportMetric: ExpressibleByArgument {}

/// "5%", "5", "2.5 %" → 5, 5, 2.5 (percent).
struct Percent: ExpressibleByArgument {
    var value: Double

    init(value: Double) { self.value = value }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        let number = text.hasSuffix("%") ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text
        guard let value = Double(number), value >= 0, value < 10_000 else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { String(format: "%g%%", value) }
}
