import MemoryProbe

/// The report's gates under test (equal work, budgets): `single` holds SIZE MiB in phase `hold`
/// and `double` twice that, both recording the same work (`units`), unless `--param differ=1`
/// makes `double` record one unit more: variants that did different work, which a report must
/// not compare. A budget in code (peak ≤ 1 GiB, met by far) shows the catalog carries budgets.
/// Hidden: `bench all` skips it; `bench run gates` runs it.
public struct Gates: Scenario {
    public let name = "gates"
    public let summary = "The report's gates under test: SIZE and 2 × SIZE MiB held, the same work recorded unless --param differ=1"
    public let sizeUnit = "MiB"
    public let defaultSize = 16
    public let quickSize = 8
    public let isHidden = true
    public let reportedPhases = ["hold", "release"]
    public let livePhase = "hold"
    public let variants = [
        ScenarioVariant(name: "double", summary: "holds 2 × SIZE MiB in phase hold, frees it in release", phases: ["hold", "release"]),
        ScenarioVariant(name: "single", summary: "holds SIZE MiB in phase hold, frees it in release", phases: ["hold", "release"]),
    ]
    public let comparisons = [VariantComparison(pitfall: "double", fix: "single")]
    public let parameters = [ParameterDeclaration(key: "differ", summary: "1: `double` records one unit of work more than `single` (they did different work)")]
    public let budgets = [Budget.peak(atMost: .gibibytes(1))]

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    public func run(variant: String, context: RunContext) throws {
        guard let factor = ["single": 1, "double": 2][variant] else { throw ScenarioCheckFailed("unknown variant \(variant)") }
        let differ = try context.intParameter("differ", default: 0) == 1 && variant == "double"
        let bytes = factor * context.size << 20
        let block = try context.phase("hold") {
            let block = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: bytes)
            return block
        }
        context.check("units", context.size + (differ ? 1 : 0))
        context.check("touchedBytes", Int(block.load(fromByteOffset: bytes - 1, as: UInt8.self)) * bytes, informational: true)
        try context.phase("release") { block.deallocate() }
    }
}
