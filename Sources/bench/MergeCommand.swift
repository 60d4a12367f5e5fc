import ArgumentParser
import Foundation
import BenchModel
import Suite
import Reporting

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the reports of several testbeds (machines) into one side-by-side report.",
        discussion: """
            Each report keeps its own cells, runs and verdicts, decided within its testbed; the \
            merged report lays them side by side: the testbeds and the fingerprinted fields that \
            set them apart, a table per scenario with each testbed's figures and verdict for \
            every comparison, a chart per scenario with one group per testbed, and findings \
            where testbeds disagree (a difference beyond noise on one, within noise or the \
            other way on another). Nothing is tested across testbeds: a machine's effect and an \
            allocator's cannot be told apart from one run on each.

            Name each testbed when it runs (bench all --testbed ubuntu-24.04-arm64); two reports \
            of one name are refused.

            Exit status: 0 merged; 3 bad input (unreadable file, not a report, a report without \
            a testbed, a testbed name twice, fewer than two reports); 74 cannot write.

            Examples:
              bench merge runs/x86/report.json runs/arm64/report.json --out Reports/merged
              bench merge runs/*/ --export-markdown "$GITHUB_STEP_SUMMARY"
            """)

    @Argument(help: ArgumentHelp("report.json files or run folders (their report.json), one per testbed.", valueName: "report"))
    var reports: [String] = []

    @Option(name: .long, help: ArgumentHelp("Folder for the merged report.json, report.md and charts.", valueName: "dir"))
    var out: String = "Reports/merged"

    @Option(name: .customLong("export-markdown"), help: ArgumentHelp(
        "Also write the merged Markdown to this file (without chart images: for $GITHUB_STEP_SUMMARY).", valueName: "file"))
    var markdown: String?

    func run() throws {
        let merged: MergedReport
        do {
            let loaded = try reports.map { path -> (source: String, report: Report) in
                let file = Self.reportFile(path)
                return (file, try GateOptions.load(file))
            }
            merged = MergedReport.merge(try MergeInput.check(loaded))
        } catch let error as BenchError {
            FileHandle.standardError.write(Data("bench merge: \(error.description)\n".utf8))
            throw ExitCode(3)
        }
        let directory = URL(fileURLWithPath: out).standardizedFileURL
        try MergedReportWriter.write(merged, to: directory)
        print("Merged report: \(directory.appendingPathComponent(RunFolder.reportMarkdownFileName).path) (\(merged.testbeds.count) testbeds: \(merged.testbeds.map(\.testbed.name).joined(separator: ", ")))")
        if let markdown {
            try ReportWriter.writeAtomically(Data(MergedMarkdownReport.render(merged).utf8), to: URL(fileURLWithPath: markdown))
            print("Exported: \(markdown)")
        }
        for finding in merged.findings.prefix(6) { print("- \(finding)") }
    }

    /// A run folder stands for its report.json.
    static func reportFile(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return RunFolder(URL(fileURLWithPath: path)).reportJSON.path
        }
        return path
    }
}
