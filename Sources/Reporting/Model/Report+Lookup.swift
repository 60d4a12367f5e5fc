import BenchModel
import MemoryProbe

extension Report {
    public func cells(scenario: String, size: Int) -> [CellReport] {
        cells.filter { $0.key.scenario == scenario && $0.key.size == size }
    }

    /// The sizes a scenario ran at, in report order.
    public func sizes(of scenario: String) -> [Int] {
        cells.filter { $0.key.scenario == scenario }.map(\.key.size).uniqued()
    }

    public func cell(_ scenario: String, _ variant: String, _ allocator: String, _ size: Int) -> CellReport? {
        cells.first { $0.key == CellKey(scenario: scenario, variant: variant, allocator: allocator, size: size) }
    }

    public func scenario(named name: String) -> ScenarioDescription? {
        scenarios.first { $0.name == name }
    }

    /// The successful runs of one cell, in report order.
    func okRecords(of cell: CellKey) -> [WorkerRecord] {
        runs.filter { $0.cell == cell && $0.status == .ok }.compactMap(\.record)
    }

    /// Whether any run of the cell took its peaks from the sampler (the kernel refused the reset).
    func isSampled(_ cell: CellKey) -> Bool {
        runs.contains { $0.cell == cell && $0.record?.peakMethod == .sampled }
    }

    /// Whether any run was a `bench exec` command's (of one scenario, or of the whole report).
    func hasExecRuns(scenario: String? = nil) -> Bool {
        runs.contains { $0.exec != nil && (scenario == nil || $0.scenario == scenario) }
    }
}

extension Report {
    /// The scenario's variants that have a cell at `size`, in declaration order: the report
    /// describes only what it measured (a variant `bench all` leaves out is not described).
    public func variantsThatRan(_ scenario: ScenarioDescription, size: Int) -> [ScenarioVariant] {
        let ran = Set(cells(scenario: scenario.name, size: size).map(\.key.variant))
        return scenario.variants.filter { ran.contains($0.name) }
    }
}
