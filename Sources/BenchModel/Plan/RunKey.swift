/// One planned run: a cell and a repetition. A resumed suite skips the keys results.jsonl holds.
public struct RunKey: Hashable, Sendable, CustomStringConvertible {
    public var cell: CellKey
    public var repetition: Int

    public init(cell: CellKey, repetition: Int) {
        self.cell = cell
        self.repetition = repetition
    }

    public var description: String {
        "\(cell.scenario) \(cell.variant) × \(cell.allocator), size \(cell.size), run \(repetition)"
    }
}

extension RunPlan.Entry {
    public var key: RunKey { RunKey(cell: cell, repetition: repetition) }
}

extension RunResult {
    public var key: RunKey { RunKey(cell: cell, repetition: repetition) }
}
