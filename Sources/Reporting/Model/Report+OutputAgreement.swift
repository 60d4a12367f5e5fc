import BenchModel
import MemoryProbe

/// Scenario-specific figures (hit rate, rows per second, output hashes) read from the runs'
/// `checks`, and whether the outputs that must agree did: variants whose outputs differ did not
/// do the same work, and are never compared.
extension Report {
    /// The figures a scenario declares, if it declares any.
    public func figures(of scenario: String) -> (figures: [ScenarioFigure], byAllocator: Bool)? {
        guard let info = self.scenario(named: scenario), !info.figures.isEmpty else { return nil }
        return (info.figures, info.figuresByAllocator)
    }

    /// The successful runs of a scenario at one size, in report order.
    func okRuns(_ scenario: String, size: Int) -> [RunResult] {
        runs.filter { $0.scenario == scenario && $0.size == size && $0.status == .ok && $0.record != nil }
    }

    public struct FigureAgreement: Sendable {
        public var figure: ScenarioFigure
        /// Each distinct value with the variants that produced it.
        public var values: [(value: Int, variants: [String])]
        public var runs: Int
        public var agrees: Bool { values.count <= 1 }
    }

    /// For each `mustAgree` figure: the distinct values over every run at this size.
    public func agreements(_ scenario: String, size: Int) -> [FigureAgreement] {
        guard let (figures, _) = figures(of: scenario) else { return [] }
        let records = okRuns(scenario, size: size)
        return figures.filter(\.mustAgree).compactMap { figure in
            let reported = records.compactMap { run in run.record?.checks[figure.check].map { (value: $0, variant: run.variant) } }
            let values = reported.groupedInOrder(by: \.value).map { (value: $0.key, variants: $0.elements.map(\.variant).uniqued()) }
            return reported.isEmpty ? nil : FigureAgreement(figure: figure, values: values, runs: reported.count)
        }
    }
}

/// Equal work, proved by default: every check a run records must agree between the two cells of
/// any comparison the report makes, unless the worker recorded it as informational. Two cells
/// are compared only on the checks both record (bulk-writes' insert pair writes 1,000 rows and
/// its update pair 411, legitimately). A record from before the rule (no `informationalChecks`)
/// is held to its scenario's `mustAgree` figures only, as reports did then.
extension Report {
    /// The checks of `record` that must agree.
    func agreedChecks(_ record: WorkerRecord, mustAgreeFigures: Set<String>) -> [String: Int] {
        record.mustAgreeChecks ?? record.checks.filter { mustAgreeFigures.contains($0.key) }
    }

    /// Each must-agree check's values over the cell's successful runs.
    func agreedValues(of cell: CellKey) -> [String: Set<Int>] {
        let figures = Set((scenario(named: cell.scenario)?.figures ?? []).filter(\.mustAgree).map(\.check))
        var values: [String: Set<Int>] = [:]
        for record in okRecords(of: cell) {
            for (check, value) in agreedChecks(record, mustAgreeFigures: figures) { values[check, default: []].insert(value) }
        }
        return values
    }

    /// The checks on which two cells did different work: recorded by both, with more than one
    /// value between them (a cell whose own runs disagree counts too). Sorted by name.
    func workDifferences(_ a: CellKey, _ b: CellKey) -> [String] {
        let (left, right) = (agreedValues(of: a), agreedValues(of: b))
        return left.keys.filter { check in right[check].map { left[check, default: []].union($0).count > 1 } ?? false }.sorted()
    }

    /// Whether the two sides of `comparison` did the same work (nothing to say against it).
    public func didSameWork(_ comparison: Comparison) -> Bool {
        workDifferences(comparison.referenceCell, comparison.candidateCell).isEmpty
    }

    /// Every pair of variants a declared comparison compares that did different work (under
    /// the configurations where they did), then every variant whose own runs disagree across
    /// configurations or repetitions; in scenario, size and declaration order.
    static func workMismatches(_ report: Report) -> [WorkMismatch] {
        report.scenarios.flatMap { scenario in
            report.sizes(of: scenario.name).flatMap { size -> [WorkMismatch] in
                let cells = report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok }.map(\.key)
                let pairs = scenario.comparisons.map { [$0.reference, $0.candidate] }.uniqued()
                let betweenVariants = pairs.compactMap { pair -> WorkMismatch? in
                    let under = cells.filter { $0.variant == pair[0] }.compactMap { reference -> (CellKey, CellKey, [String])? in
                        guard let candidate = cells.first(where: { $0.variant == pair[1] && $0.allocator == reference.allocator }) else { return nil }
                        let differences = report.workDifferences(reference, candidate)
                        return differences.isEmpty ? nil : (reference, candidate, differences)
                    }
                    return report.mismatch(scenario.name, size, variants: pair, cells: under.flatMap { [$0.0, $0.1] },
                                           checks: Set(under.flatMap(\.2)))
                }
                let ofOneVariant = scenario.variants.map(\.name).compactMap { variant in
                    report.mismatch(scenario.name, size, variants: [variant], cells: cells.filter { $0.variant == variant }, checks: nil)
                }
                return betweenVariants + ofOneVariant
            }
        }
    }

    /// What `cells` (of `variants`) recorded where the checks (`only` these, when given)
    /// disagree, or nil when they agree.
    func mismatch(_ scenario: String, _ size: Int, variants: [String], cells: [CellKey], checks only: Set<String>?) -> WorkMismatch? {
        let values = cells.map { (cell: $0, values: agreedValues(of: $0)) }
        let checks = (only ?? Set(values.flatMap(\.values.keys))).sorted().compactMap { check -> WorkMismatch.CheckValues? in
            let seen = values.flatMap { entry in (entry.values[check] ?? []).sorted().map { (value: $0, cell: entry.cell) } }
            guard Set(seen.map(\.value)).count > 1 else { return nil }
            return WorkMismatch.CheckValues(check: check, values: seen.groupedInOrder(by: \.value).map { group in
                WorkMismatch.Seen(value: group.key, variants: group.elements.map(\.cell.variant).uniqued(),
                                  configurations: group.elements.map(\.cell.allocator).uniqued())
            })
        }
        guard !checks.isEmpty else { return nil }
        return WorkMismatch(scenario: scenario, size: size, variants: variants, configurations: cells.map(\.allocator).uniqued(),
                            checks: checks)
    }
}
