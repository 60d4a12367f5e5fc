/// One section of the report, built from the report's model: what it says in report.md
/// (`summary`: the answer and what a reader acts on) and in details.md (`details`: every
/// table, size and finding). Either is empty when the section has nothing to say there.
/// Sections decide nothing: the verdicts and conclusions are the report's (`ReportDecisions`).
protocol ReportSection {
    var summary: [Markdown] { get }
    var details: [Markdown] { get }
}

extension ReportSection {
    var summary: [Markdown] { [] }
    var details: [Markdown] { [] }
}
