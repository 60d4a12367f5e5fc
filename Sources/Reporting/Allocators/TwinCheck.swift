import BenchModel

/// "## A/A check": a configuration that is the reference under another name (e.g.
/// `--custom-allocator 'glibc-twin base=glibc'`) must never differ beyond noise; any such
/// comparison is a false finding, listed.
struct TwinCheck {
    var report: Report

    var lines: [Markdown] {
        let twins = report.twinConfigurations
        guard !twins.isEmpty else { return [] }
        let about = report.comparisons.filter { $0.kind == .allocator && twins.contains($0.candidateConfiguration) }
        let beyond = about.filter { $0.verdict.kind == .beyondNoise }
        var out: [Markdown] = ["## A/A check", "",
                               "\(twins.joined(separator: ", ")) \(twins.count == 1 ? "is" : "are") glibc under another name: any difference from glibc beyond noise is a false finding. "
                                + "\(beyond.count) of \(about.count) comparison(s) about \(twins.count == 1 ? "it" : "them") are beyond noise (expected: 0; the method keeps any false finding in a report under 5 % of suites)."]
        for comparison in beyond {
            out.append("- FALSE FINDING: \(comparison.scenario) \(code: comparison.candidateVariant) \(comparison.metric.words): \(comparison.metric.format(comparison.verdict.candidateMedian)) vs \(comparison.metric.format(comparison.verdict.referenceMedian)), adjusted p \(String(format: "%.3g", comparison.verdict.adjustedP)).")
        }
        return out + [""]
    }
}

extension Report {
    /// Configurations that are glibc under another name: the same environment variables and the
    /// same worker as glibc's (an A/A twin).
    public var twinConfigurations: [String] {
        let configurations = environment.allocators.map(\.configuration)
        guard let glibc = configurations.first(where: { $0.name == ComparisonPlan.referenceConfiguration }) else { return [] }
        return configurations.filter { $0.name != glibc.name && $0.environment == glibc.environment && $0.worker == glibc.worker }.map(\.name)
    }
}
