import BenchModel

/// `details.md`, beside report.md: what the main report leaves out. Every finding in rank
/// order, and per scenario and size the full table (baseline, every reported phase, allocator
/// live bytes, wall time, spread, smallest detectable difference), the scenario's own figures,
/// allocation counts and the phase-by-phase medians; then every noise warning. Suite's
/// ReportWriter writes it (Reporting does no file I/O).
extension MarkdownReport {
    public static func renderDetails(_ report: Report, charts: [ChartFile] = []) -> String {
        var out = ["# MemoryBench report \(report.runId): details", "",
                   "The answer and the summary are in [report.md](report.md); report.json holds the same figures for programs. "
                   + "Every byte figure is RSS over the worker process's own baseline (its RSS before the first phase), the median of the cell's runs.", ""]
        out += ["## Every finding", "", "In rank order: problems, then differences beyond noise (largest first), undecided ones, what made no difference, and growth over the sweep.", ""]
        out += report.findings.map { "- \($0.marker.map { "*(\($0))* " } ?? "")\($0.text)" }
        if report.findings.isEmpty { out.append("- No comparison could be made (no cell finished).") }
        out.append("")
        for scenario in report.scenarios {
            for size in report.sizes(of: scenario.name) {
                out += section(report, scenario: scenario, size: size, charts: charts)
            }
        }
        out += sweepSection(report, everyLine: true)
        out += allocators(report)
        out += allNoiseWarnings(report)
        out += calibration(report)
        out += environment(report)
        return escapedDocument(out) + "\n"
    }
}
