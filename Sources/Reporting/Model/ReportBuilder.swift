import BenchModel
import MemoryProbe

public enum ReportBuilder {
    /// Builds the report of a suite from its results (complete or not), the scenarios as the
    /// worker described them when the suite ran, and the machine's calibration (or none). Every
    /// decision is made here, once: the comparisons' verdicts, then what the report concludes
    /// from them (`ReportDecisions`), then the findings that say it.
    /// `budgets` are the command line's (`--budget`), by scenario: each replaces the scenario's
    /// own budget of the same metric for the variants it names (see `ScenarioDescription+Budgets`).
    public static func build(runId: String, results: [RunResult], plannedRuns: Int, elapsedSeconds: Double?,
                             environment: MachineFacts, allocatorOrder: [String],
                             scenarios described: [ScenarioDescription] = [], calibration: CalibrationFigures? = nil,
                             budgets: [String: [Budget]] = [:]) -> Report {
        let scenarios: [ScenarioDescription] = results.map(\.scenario).uniqued().map { name in
            (described.first { $0.name == name } ?? .described(name, from: results)).overridingBudgets(with: budgets[name] ?? [])
        }
        // Cells in plan order: scenario, size, variant, configuration (first seen breaks ties).
        let keys = results.map(\.cell).uniqued()
        let runsByCell = Dictionary(grouping: results, by: \.cell)
        let cells = keys.map { key in
            CellReport(key: key, runs: runsByCell[key] ?? [], livePhase: scenarios.first { $0.name == key.scenario }?.livePhase ?? "")
        }.enumerated().sorted { a, b in
            let (x, y) = (order(a.element.key, scenarios: scenarios, allocators: allocatorOrder),
                          order(b.element.key, scenarios: scenarios, allocators: allocatorOrder))
            return x != y ? x.lexicographicallyPrecedes(y) : a.offset < b.offset
        }.map(\.element)
        // Series stay in results.jsonl; the report keeps phases.
        let runs = results.map { run -> RunResult in
            var run = run
            run.record?.series.seconds = []
            run.record?.series.rssBytes = []
            return run
        }
        var report = Report(schemaVersion: Report.currentSchemaVersion, runId: runId,
                            partial: results.count < plannedRuns, plannedRuns: plannedRuns,
                            elapsedSeconds: elapsedSeconds, environment: environment, scenarios: scenarios, cells: cells,
                            findings: [], comparisons: [], runs: runs, calibration: calibration)
        // Services' steady states need the series, which only `results` still has.
        report.cells = report.cells.map { $0.withSteadyState(runsByCell[$0.key] ?? [], policy: report.verdictPolicy) }
        // Variants that did different work are never compared: the comparisons between cells
        // whose must-agree checks differ are left out (judged with the others first, so Holm's
        // family is, if anything, larger than the comparisons kept: conservative), with the
        // reason said once per pair (`differentWork`).
        report.differentWork = Report.workMismatches(report)
        // With the calibration the suite ran with.
        report.comparisons = Report.decideComparisons(report).filter(report.didSameWork)
        report.budgets = Report.decideBudgets(report)
        report.decide()
        report.findings = Findings.derive(from: report)
        return report
    }

    /// Sort key: scenario order, then size, variant order, allocator order.
    static func order(_ key: CellKey, scenarios: [ScenarioDescription], allocators: [String]) -> [Int] {
        let scenario = scenarios.firstIndex { $0.name == key.scenario } ?? Int.max
        let variant = scenarios.first { $0.name == key.scenario }?.variants.firstIndex { $0.name == key.variant } ?? Int.max
        let allocator = allocators.firstIndex(of: key.allocator) ?? Int.max
        return [scenario, key.size, variant, allocator]
    }
}
