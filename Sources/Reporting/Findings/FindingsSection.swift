import BenchModel

/// "## Findings": report.md groups them by what a reader would do (problems, code fixes,
/// allocator configuration, what made no difference) at each scenario's main size, counting
/// the rest; details.md lists every finding in rank order.
struct FindingsSection: ReportSection {
    var report: Report

    static func line(_ finding: Finding) -> Markdown { "- \(finding.marker.map { "*(\($0))* " } ?? "")\(finding.text)" }

    /// Growth over sizes is the sweep section's; findings past `headlineFindings` per group,
    /// undecided ones and other sizes are counted and left to the details file.
    var summary: [Markdown] {
        let findings = report.findings
        var out: [Markdown] = ["## Findings", ""]
        if findings.isEmpty { return out + ["- No comparison could be made (no cell finished).", ""] }
        func atMainSize(_ finding: Finding) -> Bool {
            guard let scenario = finding.scenario, let size = finding.size else { return true }
            return report.mainSize(of: scenario) == size
        }
        // Different work is said before the answer (`DifferentWorkSection`), once.
        var shown = findings.filter { $0.kind == .outputMismatch }.count
        let problems = findings.filter { [.failure, .memoryCap, .note].contains($0.kind) }
        if !problems.isEmpty {
            out += ["### Problems", ""] + problems.map(Self.line) + [""]
            shown += problems.count
        }
        let groups: [(title: Markdown, kinds: [Finding.Kind])] = [
            ("Code: fixes against their pitfalls, alternatives against each other (on peak)", [.fix, .alternative]),
            ("Allocator configuration (against glibc, in the same variant)", [.allocator]),
            ("Controls (a variant against its control: shown, not advice)", [.control]),
        ]
        for group in groups {
            let decided = findings.filter { group.kinds.contains($0.kind) && $0.beyondNoise && atMainSize($0) }
            guard !decided.isEmpty else { continue }
            out += ["### \(group.title)", ""] + decided.prefix(MarkdownReport.headlineFindings).map(Self.line) + [""]
            shown += min(decided.count, MarkdownReport.headlineFindings)
        }
        let quiet = findings.filter { $0.kind == .noDifference && $0.verdict == .withinNoise && atMainSize($0) }
        if !quiet.isEmpty {
            out += ["### No difference (within the margin)", ""] + noDifference(quiet) + [""]
            shown += quiet.count
        }
        let growth = findings.filter { $0.kind == .growth }.count
        let rest = findings.count - shown - growth
        if rest > 0 {
            out += ["\(rest) more finding\(rest == 1 ? "" : "s") (undecided, other sizes, smaller effects) and the \(growth) growth finding\(growth == 1 ? "" : "s") of the sweep: \(MarkdownReport.detailsLink("every-finding")).", ""]
        }
        return out
    }

    /// Configurations that made no difference, one line per set of configurations.
    func noDifference(_ quiet: [Finding]) -> [Markdown] {
        func scenario(_ finding: Finding) -> String {
            (finding.scenario ?? "") + (finding.size.flatMap { size in finding.scenario.flatMap(report.scenario(named:))?.sized(size, joiner: ", ") } ?? "")
        }
        return quiet.groupedInOrder { $0.configurations ?? [] }.map { set in
            "- *(within noise)* \(set.key.joined(separator: ", ")): no difference from glibc in any variant (every figure compared shown within its margin) in \(set.elements.map(scenario).joined(separator: "; "))."
        }
    }

    var details: [Markdown] {
        var out: [Markdown] = ["## Every finding", "", "In rank order: problems, then differences beyond noise (largest first), undecided ones, what made no difference, and growth over the sweep.", ""]
        out += report.findings.map(Self.line)
        if report.findings.isEmpty { out.append("- No comparison could be made (no cell finished).") }
        return out + [""]
    }
}
