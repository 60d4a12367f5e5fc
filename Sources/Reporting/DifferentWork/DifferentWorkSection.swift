import BenchModel

/// Before the answer, in both files: each pair of variants (or each variant's runs) that did
/// different work, in one line, since the verdicts below leave their comparison out.
struct DifferentWorkSection: ReportSection {
    var report: Report

    var summary: [Markdown] { lines }
    var details: [Markdown] { lines }

    var lines: [Markdown] {
        guard !report.differentWork.isEmpty else { return [] }
        return ["> **Different work:** a check the runs compared must agree on differs, so they are not compared (a figure that may differ, such as a timing or a rate, is recorded with `informational: true`):"]
            + report.differentWork.map { "> - \(report.sentence($0))" } + [""]
    }
}

extension Report {
    /// The mismatch in one line, with its scenario's size unit and hash figures.
    public func sentence(_ mismatch: WorkMismatch) -> String {
        let scenario = self.scenario(named: mismatch.scenario)
        let hashes = Set((scenario?.figures ?? []).filter { $0.format == .hash }.map(\.check))
        let both = cells(scenario: mismatch.scenario, size: mismatch.size).filter { $0.status == .ok && mismatch.variants.contains($0.key.variant) }
        // "under every configuration" is left unsaid: the configurations both variants ran under.
        let shared = both.map(\.key.allocator).uniqued().filter { configuration in
            mismatch.variants.allSatisfy { variant in both.contains { $0.key.variant == variant && $0.key.allocator == configuration } }
        }
        return mismatch.sentence(sized: scenario?.sized(mismatch.size, joiner: "") ?? grouped(mismatch.size),
                                 allConfigurations: shared, hashes: hashes)
    }
}
