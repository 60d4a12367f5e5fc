import BenchModel
import MemoryProbe

/// A section per scenario. report.md: at its main size, one compact table (peak, after
/// release, settled) in which configurations that show the same figures in a variant share a
/// row, and the charts side by side. details.md: at every size, the full table, the charts, the
/// scenario's own figures, allocation counts and the phase-by-phase medians (`ScenarioDetails`).
struct ScenarioTablesSection: ReportSection {
    var report: Report
    var charts: [ChartFile]

    var summary: [Markdown] {
        var out: [Markdown] = ["Each scenario below is shown at its main size; configurations in one row showed the same medians. "
                               + "Every size, every phase, the allocator's own figures and the spread are in \(MarkdownReport.detailsLink()).", ""]
        for scenario in report.scenarios {
            guard let size = report.mainSize(of: scenario.name) else { continue }
            out += ["## \(scenario.name + scenario.sized(size, joiner: ", "))", ""]
            if !scenario.summary.isEmpty { out += ["\(Self.firstSentence(scenario.summary))", ""] }
            out += report.variantsThatRan(scenario, size: size).map { "- \(code: $0.name): \($0.summary)" } + [""]
            let cells = report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok }
            guard !cells.isEmpty else {
                out += ["No run of this scenario finished at this size.", ""]
                continue
            }
            out += [compactTable(scenario, cells: cells), ""]
            // The scenario's charts side by side on one line.
            let images = ChartFile.images(charts, scenario: scenario.name, size: size)
            if !images.isEmpty { out += [.joined(images, separator: " "), ""] }
        }
        return out
    }

    /// Peak, after release and settled per variant, configurations with the same figures in one row.
    func compactTable(_ scenario: ScenarioDescription, cells: [CellReport]) -> Markdown {
        let release = scenario.releaseFigurePhase
        let settled = scenario.settles && release != ComparisonPlan.settlePhase
        var header: [Markdown] = ["Variant", "Configurations", "Peak"]
        if !release.isEmpty { header.append("After \(release)") }
        if settled { header.append("After \(ComparisonPlan.settlePhase)") }
        header.append("Runs")
        func figures(_ cell: CellReport) -> [Markdown] {
            var figures = [MarkdownReport.bytes(cell.peakOverBaselineBytes) + (report.isSampled(cell.key) ? " *(sampled)*" : "")]
            if !release.isEmpty { figures.append(MarkdownReport.bytes(cell.rssAfterPhaseOverBaselineBytes[release])) }
            if settled { figures.append(MarkdownReport.bytes(cell.rssAfterPhaseOverBaselineBytes[ComparisonPlan.settlePhase])) }
            return figures + ["\(cell.okRuns)"]
        }
        // A variant's configurations that show the same figures share a row.
        let rows = cells.groupedInOrder { ["\(code: $0.key.variant)"] + figures($0) }
        return .table(header: header, rows: rows.map { [$0.key[0], "\($0.elements.map(\.key.allocator).joined(separator: ", "))"] + $0.key.dropFirst() },
                      rightAlignedFrom: 2)
    }

    /// The summary up to its first sentence's end (the rest is in the details file).
    static func firstSentence(_ text: String) -> String {
        guard let end = text.range(of: ". ") else { return text.hasSuffix(".") ? text : text + "." }
        return String(text[..<end.lowerBound]) + "."
    }

    var details: [Markdown] {
        report.scenarios.flatMap { scenario in
            report.sizes(of: scenario.name).flatMap { ScenarioDetails(report: report, scenario: scenario, size: $0, charts: charts).lines }
        }
    }
}
