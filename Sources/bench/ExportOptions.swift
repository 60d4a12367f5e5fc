import ArgumentParser
import Foundation
import Reporting

/// `--export-json`, `--export-markdown`, `--export-github-benchmark`, `--export-bmf` (hyperfine's names), shared
/// by every command that produces a report.
struct ExportOptions: ParsableArguments {
    @Option(name: .customLong("export-json"), help: ArgumentHelp("Also write report.json to this file.", valueName: "file"))
    var json: String?

    @Option(name: .customLong("export-markdown"), help: ArgumentHelp(
        "Also write the Markdown report to this file (without chart images: for a PR comment or $GITHUB_STEP_SUMMARY).",
        valueName: "file"))
    var markdown: String?

    @Option(name: .customLong("export-github-benchmark"), help: ArgumentHelp(
        "Also write github-action-benchmark's customSmallerIsBetter JSON (peak, after release, wall time per cell).",
        valueName: "file"))
    var githubBenchmark: String?

    @Option(name: .customLong("export-bmf"), help: ArgumentHelp(
        "Also write Bencher Metric Format JSON for `bencher run --adapter json`: each cell's medians, and each comparison's difference with its verdict interval as lower/upper.",
        valueName: "file"))
    var bmf: String?

    /// Checked before a suite starts, so a typo in a path does not cost a whole suite.
    func validate() throws {
        for (path, _) in exporters {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
                  FileManager.default.isWritableFile(atPath: folder) else {
                throw ValidationError("cannot write \(path): \(folder) is not a writable folder")
            }
        }
    }

    var exporters: [(path: String, exporter: any ReportExporter)] {
        var list: [(path: String, exporter: any ReportExporter)] = []
        if let json { list.append((json, JSONExporter())) }
        if let markdown { list.append((markdown, MarkdownExporter())) }
        if let githubBenchmark { list.append((githubBenchmark, GitHubBenchmarkExporter())) }
        if let bmf { list.append((bmf, BencherMetricFormatExporter())) }
        return list
    }

    /// Writes every requested export; prints where each went.
    func write(_ report: Report) throws {
        for (path, exporter) in exporters {
            try exporter.write(report, to: path)
            print("Exported: \(path)")
        }
    }
}
