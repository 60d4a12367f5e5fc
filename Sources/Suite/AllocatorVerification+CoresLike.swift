import MemoryProbe
import BenchModel

extension AllocatorVerification {
    /// `--cores-like N`, proved inside the worker: jemalloc's `opt.narenas` must be the cap the
    /// configuration set, and glibc must have seen the MALLOC_ARENA_MAX it set (the arena
    /// count against that cap is checked with every glibc limit). nil when proved or not asked.
    static func coresLikeFailure(of configuration: AllocatorConfiguration, identity: AllocatorIdentity) -> String? {
        guard let cores = configuration.coresLike else { return nil }
        if let wanted = configuration.jemallocArenas, identity.kind == .jemalloc, identity.narenas != wanted {
            return "\(configuration.name): --cores-like \(cores) wants jemalloc's opt.narenas at \(wanted), but the worker reports \(identity.narenas.map(String.init) ?? "none")"
        }
        if let limit = configuration.arenaLimit, identity.kind == .glibc, identity.arenaMax != "\(limit)" {
            return "\(configuration.name): --cores-like \(cores) wants MALLOC_ARENA_MAX=\(limit), but the worker saw '\(identity.arenaMax ?? "")'"
        }
        return nil
    }
}
