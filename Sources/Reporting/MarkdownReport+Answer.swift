import BenchModel

/// The first screen of report.md: the verdict table, one recommendation per scenario, and the
/// findings grouped by what a reader would do about them.
extension MarkdownReport {
    static func answer(_ report: Report, charts: [ChartFile]) -> [String] {
        var out = verdictTable(report)
        let recommendations = Recommendation.derive(from: report)
        if !recommendations.isEmpty {
            out += ["**What to do**, per scenario (from the verdicts above; each scenario's main size):", ""]
            for recommendation in recommendations {
                let scenario = report.scenarios.first { $0.name == recommendation.scenario }
                let name = recommendation.scenario + (scenario?.sized(recommendation.size, joiner: ", ") ?? "")
                out.append("- **\(name)**: \(recommendation.text)")
            }
            out.append("")
        }
        out += ["Per-phase tables, every figure, every size and every finding: [\(detailsFileName)](\(detailsFileName)).", ""]
        out += headlineChart(report, charts: charts)
        return out
    }

    /// "## Findings" at each scenario's main size, in three groups: code fixes, allocator
    /// configuration, and the rest (problems first). Growth over sizes is the sweep section's;
    /// findings past `headlineFindings` per group, undecided ones and other sizes are counted
    /// and left to the details file.
    static func groupedFindings(_ report: Report) -> [String] {
        let findings = report.findings
        var out = ["## Findings", ""]
        if findings.isEmpty {
            return out + ["- No comparison could be made (no cell finished).", ""]
        }
        func line(_ finding: Finding) -> String { "- \(finding.marker.map { "*(\($0))* " } ?? "")\(finding.text)" }
        func atMainSize(_ finding: Finding) -> Bool {
            guard let scenario = finding.scenario, let size = finding.size else { return true }
            return report.mainSize(of: scenario) == size
        }
        var shown = 0
        let problems = findings.filter { [.failure, .memoryCap, .outputMismatch, .note].contains($0.kind) }
        if !problems.isEmpty {
            out += ["### Problems", ""] + problems.map(line) + [""]
            shown += problems.count
        }
        let groups: [(title: String, kinds: [Finding.Kind])] = [
            ("Code fixes (a variant against its pitfall, on peak)", [.fix]),
            ("Allocator configuration (against glibc, in the same variant)", [.allocator]),
        ]
        for group in groups {
            let decided = findings.filter { group.kinds.contains($0.kind) && $0.beyondNoise && atMainSize($0) }
            guard !decided.isEmpty else { continue }
            out += ["### \(group.title)", ""]
            out += decided.prefix(headlineFindings).map(line)
            shown += min(decided.count, headlineFindings)
            out.append("")
        }
        // Configurations that made no difference, one line per set of configurations.
        let quiet = findings.filter { $0.kind == .noDifference && $0.verdict == .withinNoise && atMainSize($0) }
        if !quiet.isEmpty {
            var sets: [(configurations: [String], scenarios: [String])] = []
            for finding in quiet {
                let configurations = finding.configurations ?? []
                let scenario = (finding.scenario ?? "") + (finding.size.flatMap { size in report.scenarios.first { $0.name == finding.scenario }?.sized(size, joiner: ", ") } ?? "")
                if let index = sets.firstIndex(where: { $0.configurations == configurations }) {
                    sets[index].scenarios.append(scenario)
                } else {
                    sets.append((configurations, [scenario]))
                }
            }
            out += ["### No difference beyond noise", ""]
            out += sets.map { "- *(within noise)* \($0.configurations.joined(separator: ", ")): no difference from glibc beyond noise in any variant (every figure compared, each within its floor) in \($0.scenarios.joined(separator: "; "))." }
            out.append("")
            shown += quiet.count
        }
        let growth = findings.filter { $0.kind == .growth }.count
        let rest = findings.count - shown - growth
        if rest > 0 {
            out += ["\(rest) more finding\(rest == 1 ? "" : "s") (undecided, other sizes, smaller effects) and the \(growth) growth finding\(growth == 1 ? "" : "s") of the sweep: [\(detailsFileName)](\(detailsFileName)#every-finding).", ""]
        }
        return out
    }
}
