import BenchModel
import MemoryProbe

public enum ReportBuilder {
    /// Builds the report of a suite from its results (complete or not), the scenarios as the
    /// worker described them when the suite ran, and the machine's calibration (or none).
    public static func build(runId: String, results: [RunResult], plannedRuns: Int, elapsedSeconds: Double?,
                             environment: MachineFacts, allocatorOrder: [String],
                             scenarios described: [ScenarioDescription] = [], calibration: CalibrationFigures? = nil) -> Report {
        let infos: [ScenarioDescription] = results.map(\.scenario).uniqued().map { name in
            described.first { $0.name == name } ?? .described(name, from: results)
        }
        var grouped: [CellKey: [RunResult]] = [:]
        for result in results { grouped[result.cell, default: []].append(result) }
        let cells = grouped.map { key, runs in
            CellReport(key: key, runs: runs, livePhase: infos.first { $0.name == key.scenario }?.livePhase ?? "")
        }.sorted { a, b in
            order(a.key, infos: infos, allocators: allocatorOrder).lexicographicallyPrecedes(order(b.key, infos: infos, allocators: allocatorOrder))
        }
        // Series stay in results.jsonl; the report keeps phases.
        let runs = results.map { run -> RunResult in
            var run = run
            if var record = run.record {
                record.series.seconds = []
                record.series.rssBytes = []
                run.record = record
            }
            return run
        }
        var report = Report(schemaVersion: Report.currentSchemaVersion, runId: runId,
                            partial: results.count < plannedRuns, plannedRuns: plannedRuns,
                            elapsedSeconds: elapsedSeconds, environment: environment, scenarios: infos, cells: cells,
                            findings: [], comparisons: [], runs: runs)
        // The findings are decided once, with the calibration the suite ran with.
        report.calibration = calibration
        report.comparisons = Report.decideComparisons(report)
        report.findings = Findings.derive(from: report)
        return report
    }

    /// Sort key: scenario order, then size, variant order, allocator order.
    static func order(_ key: CellKey, infos: [ScenarioDescription], allocators: [String]) -> [Int] {
        let scenario = infos.firstIndex { $0.name == key.scenario } ?? Int.max
        let variant = infos.first { $0.name == key.scenario }?.variants.firstIndex { $0.name == key.variant } ?? Int.max
        let allocator = allocators.firstIndex(of: key.allocator) ?? Int.max
        return [scenario, key.size, variant, allocator]
    }
}

extension Report {
    public func cells(scenario: String, size: Int) -> [CellReport] {
        cells.filter { $0.key.scenario == scenario && $0.key.size == size }
    }

    public func sizes(of scenario: String) -> [Int] {
        cells.filter { $0.key.scenario == scenario }.map(\.key.size).uniqued()
    }

    public func cell(_ scenario: String, _ variant: String, _ allocator: String, _ size: Int) -> CellReport? {
        cells.first { $0.key == CellKey(scenario: scenario, variant: variant, allocator: allocator, size: size) }
    }
}
