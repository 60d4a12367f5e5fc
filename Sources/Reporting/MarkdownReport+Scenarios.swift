import BenchModel

/// The main report's view of each scenario: at its main size, one compact table (peak, after
/// release, settled) in which configurations that show the same figures in a variant share a
/// row, and the charts. The full tables of every size are in the details file.
extension MarkdownReport {
    static func scenarioSummaries(_ report: Report, charts: [ChartFile]) -> [String] {
        var out = ["Each scenario below is shown at its main size; configurations in one row showed the same medians. "
                   + "Every size, every phase, the allocator's own figures and the spread are in [\(detailsFileName)](\(detailsFileName)).", ""]
        for scenario in report.scenarios {
            guard let size = report.mainSize(of: scenario.name) else { continue }
            out += ["## \(scenario.name)\(scenario.sized(size, joiner: ", "))", ""]
            if !scenario.summary.isEmpty { out += [firstSentence(scenario.summary), ""] }
            for variant in scenario.variants {
                out.append("- \(code(variant.name)): \(variant.summary)")
            }
            out.append("")
            let cells = report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok }
            guard !cells.isEmpty else {
                out += ["No run of this scenario finished at this size.", ""]
                continue
            }
            let release = ReportCharts.releasePhase(scenario)
            let settles = scenario.variants.contains { $0.phases.contains(ComparisonPlan.settlePhase) }
            var header = ["Variant", "Configurations", "Peak"]
            if !release.isEmpty { header.append("After \(release)") }
            if settles && release != ComparisonPlan.settlePhase { header.append("After \(ComparisonPlan.settlePhase)") }
            header.append("Runs")
            var rows: [(variant: String, configurations: [String], figures: [String])] = []
            for cell in cells {
                var figures = [bytes(cell.peakOverBaselineBytes) + (sampled(report, cell) ? " *(sampled)*" : "")]
                if !release.isEmpty { figures.append(bytes(cell.rssAfterPhaseOverBaselineBytes[release])) }
                if settles && release != ComparisonPlan.settlePhase { figures.append(bytes(cell.rssAfterPhaseOverBaselineBytes[ComparisonPlan.settlePhase])) }
                figures.append("\(cell.okRuns)")
                if let index = rows.firstIndex(where: { $0.variant == cell.key.variant && $0.figures == figures }) {
                    rows[index].configurations.append(cell.key.allocator)
                } else {
                    rows.append((cell.key.variant, [cell.key.allocator], figures))
                }
            }
            out.append(table(header: header, rows: rows.map { [code($0.variant), $0.configurations.joined(separator: ", ")] + $0.figures }, rightAlignedFrom: 2))
            out.append("")
            // The scenario's charts side by side on one line.
            let images = chartLinks(charts, scenario: scenario.name, size: size).filter { !$0.isEmpty }
            if !images.isEmpty { out += [images.joined(separator: " "), ""] }
        }
        return out
    }

    /// The summary up to its first sentence's end (the rest is in the details file).
    static func firstSentence(_ text: String) -> String {
        guard let end = text.range(of: ". ") else { return text.hasSuffix(".") ? text : text + "." }
        return String(text[..<end.lowerBound]) + "."
    }
}
