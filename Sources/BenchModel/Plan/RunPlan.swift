import MemoryProbe


/// The runs of a suite, in the order they execute.
public struct RunPlan: Sendable {
    public struct Entry: Sendable, Equatable {
        public var scenario: String
        public var variant: String
        public var allocator: AllocatorConfiguration
        public var size: Int
        public var repetition: Int
        public var cell: CellKey { CellKey(scenario: scenario, variant: variant, allocator: allocator.name, size: size) }
    }

    public struct Selection: Sendable, Codable, Equatable {
        public var scenario: String
        public var variants: [String]
        public var sizes: [Int]
        /// Only these configurations (by name) for this selection; nil runs every one of the plan's.
        public var allocatorNames: [String]?

        public init(scenario: String, variants: [String], sizes: [Int], allocatorNames: [String]? = nil) {
            self.scenario = scenario
            self.variants = variants
            self.sizes = sizes
            self.allocatorNames = allocatorNames
        }
    }

    public var entries: [Entry]
    public var runs: Int

    /// Repetitions are interleaved: every variant × configuration once (A B C …), then again, so
    /// that drift over time (a warming cache, another process) spreads over all cells alike.
    public init(selections: [Selection], allocators: [AllocatorConfiguration], runs: Int) {
        self.runs = runs
        var entries: [Entry] = []
        for selection in selections {
            for size in selection.sizes {
                for repetition in 1...max(1, runs) {
                    for variant in selection.variants {
                        for allocator in allocators where selection.allocatorNames?.contains(allocator.name) ?? true {
                            entries.append(Entry(scenario: selection.scenario, variant: variant, allocator: allocator,
                                                 size: size, repetition: repetition))
                        }
                    }
                }
            }
        }
        // Two selections can name the same run (a sweep size that is also a capped variant's
        // size): it runs once.
        var seen: Set<RunKey> = []
        self.entries = entries.filter { seen.insert($0.key).inserted }
    }

    /// A plan of given entries (more repetitions of some cells, for adaptive runs).
    public init(entries: [Entry], runs: Int) {
        self.entries = entries
        self.runs = runs
    }

    /// One more repetition (`repetition`) of each of `cells`, in plan order: what adaptive runs
    /// add when a comparison is undecided.
    public func repetition(_ repetition: Int, of cells: Set<CellKey>) -> RunPlan {
        var seen: Set<CellKey> = []
        var added: [Entry] = []
        for entry in entries where cells.contains(entry.cell) && !seen.contains(entry.cell) {
            seen.insert(entry.cell)
            var extra = entry
            extra.repetition = repetition
            added.append(extra)
        }
        return RunPlan(entries: added, runs: repetition)
    }

    /// Each (scenario, size) whose inputs must be prepared before its runs.
    public var preparations: [(scenario: String, size: Int)] {
        var seen: [(String, Int)] = []
        for entry in entries where !seen.contains(where: { $0 == (entry.scenario, entry.size) }) {
            seen.append((entry.scenario, entry.size))
        }
        return seen
    }
}
