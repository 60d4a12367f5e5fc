import BenchModel
import Statistics

/// `bench merge`'s `report.json`: several testbeds' reports side by side. Each testbed keeps its
/// own report whole (cells, runs and the verdicts it decided within itself); across testbeds the
/// merged report only describes: a side-by-side table per scenario and findings where testbeds
/// disagree. No statistical test ever pairs a cell of one testbed with a cell of another.
/// Its shape is `Reports/schema/merged-report.schema.json`.
public struct MergedReport: Codable, Sendable {
    public static let currentSchemaVersion = 1
    /// Tells a merged report.json from a single suite's (which has no `kind`).
    public static let kindName = "merged"

    public var schemaVersion: Int
    public var kind: String
    public var testbeds: [TestbedReport]
    public var scenarios: [ScenarioSideBySide]
    /// Where testbeds disagree (a difference beyond noise on one, within noise or the other way
    /// on another), in words.
    public var findings: [String]

    /// One testbed: its record, the report.json it came from and that report, unchanged.
    public struct TestbedReport: Codable, Sendable {
        public var testbed: Testbed
        public var source: String
        public var report: Report
    }

    /// A scenario's comparisons (fix against pitfall, configuration against glibc) on every
    /// testbed, one row per comparison, one figure per testbed in `testbeds` order.
    public struct ScenarioSideBySide: Codable, Sendable {
        public var scenario: String
        public var sizeUnit: String
        public var rows: [Row]
    }

    public struct Row: Codable, Sendable {
        public var kind: Comparison.Kind
        public var size: Int
        public var referenceVariant: String
        public var referenceConfiguration: String
        public var candidateVariant: String
        public var candidateConfiguration: String
        public var metric: Comparison.Metric
        /// Per testbed, in the merged report's testbed order; nil where that testbed did not make
        /// this comparison.
        public var figures: [Figure?]
    }

    /// One testbed's figure of a comparison, copied from its own report's verdict.
    public struct Figure: Codable, Sendable {
        public var referenceMedianBytes: Double
        public var candidateMedianBytes: Double
        /// Candidate minus reference (the verdict's effect) and its interval, bytes.
        public var effectBytes: Double
        public var interval: Interval?
        public var verdict: Verdict.Kind
        public var referenceRuns: Int
        public var candidateRuns: Int
    }
}

extension MergedReport {
    /// Merges reports already checked by `MergeInput` (each with a testbed, names unique).
    public static func merge(_ inputs: [(source: String, report: Report, testbed: Testbed)]) -> MergedReport {
        let testbeds = inputs.map { TestbedReport(testbed: $0.testbed, source: $0.source, report: $0.report) }
        let scenarios = sideBySide(testbeds)
        return MergedReport(schemaVersion: currentSchemaVersion, kind: kindName, testbeds: testbeds, scenarios: scenarios,
                            findings: disagreements(scenarios, testbeds: testbeds.map(\.testbed.name)))
    }

    struct RowKey: Hashable {
        var kind: Comparison.Kind
        var scenario: String
        var size: Int
        var referenceVariant, referenceConfiguration, candidateVariant, candidateConfiguration: String
        var metric: Comparison.Metric

        init(_ comparison: Comparison) {
            kind = comparison.kind
            scenario = comparison.scenario
            size = comparison.size
            referenceVariant = comparison.referenceVariant
            referenceConfiguration = comparison.referenceConfiguration
            candidateVariant = comparison.candidateVariant
            candidateConfiguration = comparison.candidateConfiguration
            metric = comparison.metric
        }
    }

    /// Every memory comparison any testbed made, in first-seen order, with each testbed's
    /// figure (wall time depends on the machine itself: across testbeds it says nothing).
    static func sideBySide(_ testbeds: [TestbedReport]) -> [ScenarioSideBySide] {
        var order: [RowKey] = []
        var figures: [RowKey: [Figure?]] = [:]
        for (index, testbed) in testbeds.enumerated() {
            for comparison in testbed.report.comparisons where comparison.metric.isBytes {
                let key = RowKey(comparison)
                if figures[key] == nil {
                    order.append(key)
                    figures[key] = Array(repeating: nil, count: testbeds.count)
                }
                let verdict = comparison.verdict
                figures[key]?[index] = Figure(
                    referenceMedianBytes: verdict.referenceMedian, candidateMedianBytes: verdict.candidateMedian,
                    effectBytes: verdict.effect, interval: verdict.interval, verdict: verdict.kind,
                    referenceRuns: verdict.referenceRuns, candidateRuns: verdict.candidateRuns)
            }
        }
        return order.map(\.scenario).uniqued().map { scenario in
            let unit = testbeds.lazy.compactMap { $0.report.scenarios.first { $0.name == scenario }?.sizeUnit }.first ?? "items"
            let rows = order.filter { $0.scenario == scenario }.map { key in
                Row(kind: key.kind, size: key.size, referenceVariant: key.referenceVariant,
                    referenceConfiguration: key.referenceConfiguration, candidateVariant: key.candidateVariant,
                    candidateConfiguration: key.candidateConfiguration, metric: key.metric, figures: figures[key] ?? [])
            }
            return ScenarioSideBySide(scenario: scenario, sizeUnit: unit, rows: rows)
        }
    }
}
