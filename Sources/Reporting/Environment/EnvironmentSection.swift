import BenchModel

/// "## Environment" and "## Reproduce": report.md has the machine in one paragraph and the
/// command; details.md the table with the testbed and the workers' digests.
struct EnvironmentSection: ReportSection {
    var report: Report

    var summary: [Markdown] {
        ["## Environment", "",
         "\(EnvironmentFacts(report.environment).paragraph). The workers' paths and digests: \(MarkdownReport.detailsLink("environment")).", ""]
            + reproduce
    }

    var details: [Markdown] {
        ["## Environment", "", .table(header: ["", ""], rows: EnvironmentFacts(report.environment).rows), ""] + reproduce
    }

    /// The command that ran the suite, as written.
    var reproduce: [Markdown] {
        ["## Reproduce", ""] + Markdown.codeBlock(report.environment.commandLine, language: "sh") + [""]
    }
}
