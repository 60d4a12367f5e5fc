import BenchModel
import Suite

/// The environment a foreign command runs with. Unlike a worker (which gets a fixed minimal
/// environment), a user's command needs the caller's PATH, HOME, virtualenv, database URLs…, so
/// it inherits the caller's environment, minus every variable that chooses or tunes an
/// allocator (a stray LD_PRELOAD or MALLOC_ARENA_MAX must not leak into another configuration's
/// runs), plus the configuration's variables and MemoryBench's own. Both differences are recorded.
public struct ExecEnvironment: Sendable, Equatable {
    /// The whole environment the command gets.
    public var environment: [String: String]
    /// What bench set (the configuration's and the MEMORYBENCH_* variables).
    public var set: [String: String]
    /// The caller's variables bench removed, with their values.
    public var removed: [String: String]

    /// Variables that choose or tune an allocator: the loader's preload list, glibc malloc's
    /// MALLOC_* and tunables, jemalloc's MALLOC_CONF, tcmalloc's and mimalloc's own; and stale
    /// MEMORYBENCH_* variables from an outer run.
    public static func isAllocatorVariable(_ name: String) -> Bool {
        ["LD_PRELOAD", "GLIBC_TUNABLES"].contains(name)
            || ["MALLOC_", "TCMALLOC_", "MIMALLOC_", "JEMALLOC_", "MEMORYBENCH_"].contains { name.hasPrefix($0) }
    }

    public init(caller: [String: String], configuration: AllocatorConfiguration, extra: [String: String]) {
        var environment = caller.filter { !Self.isAllocatorVariable($0.key) }
        removed = caller.filter { Self.isAllocatorVariable($0.key) }
        set = configuration.environment.merging(extra) { _, new in new }
        environment.merge(set) { _, new in new }
        self.environment = environment
    }
}
