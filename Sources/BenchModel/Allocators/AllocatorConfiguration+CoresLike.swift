import MemoryProbe

extension AllocatorConfiguration {
    /// glibc caps its arenas at 8 per online CPU, jemalloc at 4 per CPU: the caps a machine of
    /// `cores` CPUs would choose (`--cores-like`).
    public static func glibcArenaCap(coresLike cores: Int) -> Int { 8 * cores }
    public static func jemallocArenaCap(coresLike cores: Int) -> Int { 4 * cores }

    /// This configuration with the arena caps of a machine with `cores` CPUs: glibc's default
    /// gets `MALLOC_ARENA_MAX=8×cores` (a configuration that sets its own cap keeps it), jemalloc
    /// gets `narenas:4×cores` in `MALLOC_CONF`, after what the configuration sets there (one
    /// that sets narenas itself keeps its own). Others (tcmalloc, mimalloc, a custom library
    /// bench does not know) are unchanged: they have no such cap to set.
    public func likeCores(_ cores: Int) -> AllocatorConfiguration {
        var changed = self
        switch expectedKind {
        case .glibc?:
            let ownCap = environment["MALLOC_ARENA_MAX"] != nil || (environment["GLIBC_TUNABLES"]?.contains("arena_max") ?? false)
            guard !ownCap, arenaLimit == nil else { return self }
            let cap = Self.glibcArenaCap(coresLike: cores)
            changed.environment["MALLOC_ARENA_MAX"] = "\(cap)"
            changed.arenaLimit = cap
            changed.summary += "; like \(cores) CPUs: MALLOC_ARENA_MAX=\(cap)"
        case .jemalloc?:
            let conf = environment["MALLOC_CONF"] ?? ""
            guard !conf.split(separator: ",").contains(where: { $0.hasPrefix("narenas:") }) else { return self }
            let cap = Self.jemallocArenaCap(coresLike: cores)
            changed.environment["MALLOC_CONF"] = conf.isEmpty ? "narenas:\(cap)" : "\(conf),narenas:\(cap)"
            changed.jemallocArenas = cap
            changed.summary += "; like \(cores) CPUs: narenas:\(cap)"
        default:
            return self
        }
        changed.coresLike = cores
        return changed
    }
}
