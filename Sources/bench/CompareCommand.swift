import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import Doctor
import Reporting

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two report.json files cell by cell and gate on regressions.",
        discussion: """
            Prints a Markdown table of every cell (scenario × variant × allocator × size) present \
            in both reports, with the change, each side's spread and a verdict, then lists the \
            cells found in only one. A change is a regression (or an improvement) only when the \
            two sides' min–max ranges do not overlap, it exceeds the floor (1 MiB, or 10 ms for \
            time) and it exceeds --threshold; a change inside the combined spread is "within \
            noise", never a regression. With one run per side the spread is unknown and only the \
            floor and the threshold apply.

            --metric allocations compares the mallocs of counted cells (NAME+count, from runs with \
            --count): counts are exact, so a change is a regression when the head's smallest count \
            exceeds the base's largest by more than --absolute-threshold mallocs (default 0) and \
            the median by more than --threshold; cells whose counts vary between runs (threads, \
            timers) are named as not deterministic. Counts can move by one between suites of the \
            same build, so a gate of zero on both is stricter than the counts are stable.

            Both reports must come from one testbed (the same fingerprint: see `bench merge`); \
            reports of different testbeds are refused unless --across-testbeds, which labels \
            every line cross-machine.

            Exit status: 0 no regression; 2 a regression beyond the threshold; 3 bad input \
            (unreadable file, not a report, missing or newer schemaVersion, no cell in common, \
            different testbeds without --across-testbeds); 64 bad command-line input.

            Examples:
              bench compare Reports/base/report.json Reports/latest/report.json
              bench compare base.json head.json --threshold 10% --metric release
              bench compare base.json head.json --metric allocations --absolute-threshold 100
            """)

    @Argument(help: "The baseline report.json (e.g. from the main branch).")
    var base: String

    @Argument(help: "The report.json to judge against it.")
    var head: String

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

    func validate() throws {
        if let absoluteThreshold {
            guard metric == .allocations else { throw ValidationError("--absolute-threshold applies to --metric allocations only") }
            guard absoluteThreshold >= 0 else { throw ValidationError("--absolute-threshold must be 0 or more mallocs") }
        }
    }

    @Flag(name: .customLong("across-testbeds"), help: "Compare reports of different testbeds (fingerprints) anyway; every line is labelled cross-machine.")
    var acrossTestbeds = false

    func run() throws {
        let baseReport: Report
        let headReport: Report
        do {
            baseReport = try Self.load(base)
            headReport = try Self.load(head)
        } catch let error as BenchError {
            throw badInput(error.description)
        }
        var comparison = ReportComparison(base: baseReport, head: headReport, metric: metric, thresholdPercent: threshold.value,
                                          absoluteThreshold: Double(absoluteThreshold ?? 0))
        switch TestbedMatch(base: baseReport, head: headReport) {
        case .same: break
        case .unknown(let why): comparison.warnings.append(why)
        case .different(let why):
            guard acrossTestbeds else { throw badInput("\(why); lay them side by side with bench merge, or pass --across-testbeds") }
            comparison.crossMachine = why
        }
        guard !comparison.rows.isEmpty else {
            if metric == .allocations {
                throw badInput("\(base) and \(head) have no counted cell in common: allocation counts come from counted configurations (NAME+count); run both with --count")
            }
            throw badInput("\(base) and \(head) have no cell in common with a \(metric.rawValue) figure (\(baseReport.cells.count) and \(headReport.cells.count) cells; sizes must match)")
        }
        print(comparison.markdown(basePath: base, headPath: head), terminator: "")
        if let exportJSON {
            do {
                try AtomicFile.write(try JSONCoding.encoder(pretty: true).encode(comparison.exported(basePath: base, headPath: head)), to: exportJSON)
            } catch {
                FileHandle.standardError.write(Data("bench compare: cannot write \(exportJSON): \(error)\n".utf8))
                throw ExitCode(74)
            }
        }
        let regressions = comparison.regressions
        if !regressions.isEmpty {
            let limit = metric == .allocations ? "\(absoluteThreshold ?? 0) mallocs and \(String(format: "%g", threshold.value)) %" : "\(String(format: "%g", threshold.value)) %"
            FileHandle.standardError.write(Data("bench compare: \(regressions.count) regression(s) beyond \(limit) in \(metric.label)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Reads a report.json (the command reads files; Reporting only decodes).
    static func load(_ path: String) throws -> Report {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError.input("cannot read \(path)") }
        return try ReportLoader.decode(data, path: path)
    }

    /// Bad input: one line on stderr, then exit status 3.
    func badInput(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("bench compare: \(message)\n".utf8))
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
