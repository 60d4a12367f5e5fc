import Foundation
import BenchModel
import MemoryProbe

/// `report.md` and `details.md`: a heading, then the report's sections in order, each saying
/// its part (`ReportSection`). GitHub-flavoured Markdown, user names escaped as it is built.
public enum MarkdownReport {
    /// How many findings of each group the main report shows; the rest are in the details file.
    public static let headlineFindings = 8

    /// The file beside `report.md` with every table, figure and finding (see `renderDetails`).
    public static let detailsFileName = RunFolder.detailsFileName

    /// The sections, in the order both files show them.
    static func sections(_ report: Report, charts: [ChartFile]) -> [any ReportSection] {
        [DifferentWorkSection(report: report), AnswerSection(report: report, charts: charts), BudgetsSection(report: report),
         FailedRunsSection(report: report), FindingsSection(report: report),
         LimitsAndSamplingSection(report: report), ScenarioTablesSection(report: report, charts: charts),
         ExecRunsSection(report: report), ServiceRunsSection(report: report), SteadyStateSection(report: report),
         SettleCheckpointsSection(report: report), SitesSection(report: report, charts: charts), SweepSection(report: report, charts: charts),
         AllocatorsSection(report: report), NoiseSection(report: report), CalibrationSection(report: report),
         EnvironmentSection(report: report)]
    }

    /// `report.md`: the answer first (verdict table and one recommendation per scenario), then
    /// the findings grouped by what to do, one compact table per scenario at its main size, the
    /// sweep, the configurations, the noise that matters and the environment. Everything else is
    /// in `renderDetails`. `charts` are the SVG files written beside the report.
    public static func render(_ report: Report, charts: [ChartFile] = []) -> String {
        Markdown.document(heading(report) + sections(report, charts: charts).flatMap(\.summary))
    }

    /// `details.md`, beside report.md: what the main report leaves out. Every finding in rank
    /// order, and per scenario and size the full table, the scenario's own figures, allocation
    /// counts and the phase-by-phase medians; then every sweep line, configuration, noise
    /// warning, calibration figure and machine fact. Suite's ReportWriter writes it (Reporting
    /// does no file I/O).
    public static func renderDetails(_ report: Report, charts: [ChartFile] = []) -> String {
        let heading: [Markdown] = [
            "# MemoryBench report \(report.runId): details", "",
            "The answer and the summary are in [report.md](report.md); report.json holds the same figures for programs. "
                + "Every byte figure is RSS over the worker process's own baseline (its RSS before the first phase), the median of the cell's runs.", ""]
        return Markdown.document(heading + sections(report, charts: charts).flatMap(\.details))
    }

    /// The title, a partial report's warning, the machine in one line and a debug build's warning.
    static func heading(_ report: Report) -> [Markdown] {
        var out: [Markdown] = ["# MemoryBench report \(report.runId)", ""]
        if report.partial {
            out += ["> **Partial report:** \(report.runs.count) of \(report.plannedRuns) planned runs finished.", ""]
        }
        out += [EnvironmentFacts(report.environment, elapsedSeconds: report.elapsedSeconds).headline, ""]
        if report.environment.buildConfiguration != "release" {
            out += ["> **Debug build:** timings and some memory figures differ from a release build; use `swift build -c release` for numbers to publish.", ""]
        }
        return out
    }

    /// "[details.md](details.md)", or with `#anchor`: where the main report sends a reader for the rest.
    static func detailsLink(_ anchor: String? = nil) -> Markdown {
        let target = detailsFileName + (anchor.map { "#" + $0 } ?? "")
        return "[\(detailsFileName)](\(target))"
    }

    /// A summary's median in MiB over baseline ("+12.3 MiB", or unsigned), "–" without one.
    static func bytes(_ summary: Summary?, signed: Bool = true) -> Markdown {
        guard let summary else { return "–" }
        return "\(mebibytes(summary.median, signed: signed))"
    }
}
