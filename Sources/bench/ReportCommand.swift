import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import Doctor
import Reporting

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render a run folder's report.md, details.md, report.json and charts from its results.jsonl.",
        discussion: """
            Uses whatever runs finished, so a suite stopped half-way still gets a report (marked \
            partial). Machine facts come from the folder's environment.json, written when the \
            suite started; without it the report says they are unknown.

            Exit status: 0 written; 3 the results cannot be read (missing folder or file, no \
            complete run, a newer schemaVersion); 74 a file could not be written.

            Examples:
              bench report Reports/latest
              bench report Reports/2026-11-23T13-00-00Z/results.jsonl --chart-allocator jemalloc-preload
            """)

    @Argument(help: "A run folder (Reports/<run-id>) or its results.jsonl.")
    var results: String

    @Option(name: .customLong("chart-allocator"), help: ArgumentHelp("Allocator configuration whose runs draw the RSS-over-time charts.", valueName: "name"))
    var chartAllocator: String = ReportCharts.defaultAllocator

    @OptionGroup var exports: ExportOptions

    func run() throws {
        let outcome: ReportRerender.Outcome
        do {
            outcome = try ReportRerender.rerender(results, chartAllocator: chartAllocator)
        } catch BenchError.input(let message) {
            FileHandle.standardError.write(Data("bench report: \(message)\n".utf8))
            throw ExitCode(3)
        }
        for warning in outcome.warnings {
            FileHandle.standardError.write(Data("bench report: \(warning)\n".utf8))
        }
        let report = outcome.report
        print("Report: \(outcome.folder.reportMarkdown.path) (\(report.runs.count) runs\(report.partial ? " of \(report.plannedRuns) planned: partial" : ""), \(outcome.charts.count) charts)")
        try exports.write(report)
    }
}
