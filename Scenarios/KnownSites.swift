#if canImport(Glibc)
import Glibc
#endif
import MemoryProbe

/// `known-sites` (hidden): the check of `--sites`. Two functions allocate 4·SIZE MiB and SIZE MiB
/// in 64 KiB blocks and keep them live through the end of `hold`, so that the heap profile
/// must name `knownSiteLarge` with 80 % and `knownSiteSmall` with 20 % of the live bytes.
public struct KnownSitesCalibration: Scenario {
    public let name = "known-sites"
    public let summary = "Calibration of --sites: knownSiteLarge keeps 4·SIZE MiB and knownSiteSmall SIZE MiB live (80 % / 20 %) at the end of `hold`"
    public let sizeUnit = "MiB"
    public let defaultSize = 16
    public let quickSize = 4
    public let isHidden = true
    public let reportedPhases = ["hold", "release"]
    public let livePhase = "hold"
    public let variants = [
        ScenarioVariant(name: "two-sites", summary: "64 KiB blocks: 4·SIZE MiB from knownSiteLarge, SIZE MiB from knownSiteSmall, freed in `release`",
                        phases: ["hold", "release"]),
    ]
    public let comparisons: [VariantComparison] = []
    static let blockBytes = 64 << 10

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    public func run(variant: String, context: RunContext) throws {
        var blocks: [UnsafeMutableRawPointer] = []
        // Room for every block first: the array's own growth is not one of the two sites.
        blocks.reserveCapacity(5 * (context.size << 20) / Self.blockBytes)
        try context.phase("hold") {
            try knownSiteLarge(mebibytes: 4 * context.size, into: &blocks)
            try knownSiteSmall(mebibytes: context.size, into: &blocks)
        }
        context.check("blocks", blocks.count)
        try context.phase("release") { for block in blocks { free(block) } }
    }
}

// Each function calls malloc itself (no shared helper), so each is its own site.
@inline(never)
func knownSiteLarge(mebibytes: Int, into blocks: inout [UnsafeMutableRawPointer]) throws {
    let size = KnownSitesCalibration.blockBytes
    for _ in 0..<((mebibytes << 20) / size) {
        guard let block = malloc(size) else { throw ScenarioCheckFailed("malloc(\(size)) failed") }
        memset(block, 1, size)
        blocks.append(block)
    }
}

@inline(never)
func knownSiteSmall(mebibytes: Int, into blocks: inout [UnsafeMutableRawPointer]) throws {
    let size = KnownSitesCalibration.blockBytes
    for _ in 0..<((mebibytes << 20) / size) {
        guard let block = malloc(size) else { throw ScenarioCheckFailed("malloc(\(size)) failed") }
        memset(block, 2, size)
        blocks.append(block)
    }
}
