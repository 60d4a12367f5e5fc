/// What a cell of the report is: runs of the same variant under the same configuration and size.
public struct CellKey: Codable, Hashable, Sendable, Comparable {
    public var scenario: String
    public var variant: String
    public var allocator: String
    public var size: Int

    public init(scenario: String, variant: String, allocator: String, size: Int) {
        self.scenario = scenario
        self.variant = variant
        self.allocator = allocator
        self.size = size
    }

    public static func < (a: CellKey, b: CellKey) -> Bool {
        (a.scenario, a.variant, a.allocator, a.size) < (b.scenario, b.variant, b.allocator, b.size)
    }
}
