/// The allocator families MemoryBench can recognise inside a process.
public enum AllocatorKind: String, Codable, Sendable, CaseIterable {
    case glibc, jemalloc, tcmalloc, mimalloc
}

/// What a worker found out about the allocator actually serving its `malloc`: the evidence,
/// not a claim copied from the configuration's name.
public struct AllocatorIdentity: Codable, Sendable, Equatable {
    public var kind: AllocatorKind
    /// The allocator's own version string (jemalloc's `mallctl("version")`, tcmalloc's
    /// `tc_version`, mimalloc's `mi_version`, glibc's `gnu_get_libc_version`).
    public var version: String?
    /// The shared object that defines `malloc` as this process resolves it (dladdr).
    public var mallocProvider: String?
    /// Allocator libraries (jemalloc, tcmalloc, mimalloc) found mapped in /proc/self/maps.
    public var mappedLibraries: [String]
    /// One line per fact that decided `kind`.
    public var evidence: [String]
    /// jemalloc only: `mallctl("background_thread")`, and the background threads running
    /// (`stats.background_thread.num_threads` after an epoch refresh); nil for other allocators.
    public var backgroundThread: Bool?
    public var backgroundThreads: Int?
    /// jemalloc only: its arena cap, `mallctl("opt.narenas")`.
    public var narenas: Int?
    /// glibc only: MALLOC_ARENA_MAX as the process saw it (nil: unset).
    public var arenaMax: String?

    public init(kind: AllocatorKind, version: String?, mallocProvider: String?, mappedLibraries: [String], evidence: [String]) {
        self.kind = kind
        self.version = version
        self.mallocProvider = mallocProvider
        self.mappedLibraries = mappedLibraries
        self.evidence = evidence
    }
}

/// Allocator statistics at one phase boundary. Which fields are filled depends on the
/// allocator: glibc knows live and free bytes over all arenas (from `malloc_info`) and its
/// arena count; jemalloc knows allocated, active, resident, mapped and retained bytes.
public struct AllocatorStats: Codable, Sendable, Equatable {
    /// Bytes in live allocations (glibc: in use over all arenas plus mmapped chunks;
    /// jemalloc: `stats.allocated`; tcmalloc: `generic.current_allocated_bytes`).
    public var liveBytes: Int?
    /// glibc: free bytes held in arena bins (fast + rest), not returned to the system.
    public var freeBytes: Int?
    /// glibc: bytes obtained from the system over all arenas (`<system type="current">`).
    public var systemBytes: Int?
    /// jemalloc: `stats.active`, `stats.resident`, `stats.mapped`, `stats.retained`.
    public var activeBytes: Int?
    public var residentBytes: Int?
    public var mappedBytes: Int?
    public var retainedBytes: Int?
    /// glibc: arenas in use (`<heap nr=…>` elements of `malloc_info`).
    public var arenas: Int?

    public init(liveBytes: Int? = nil, freeBytes: Int? = nil, systemBytes: Int? = nil, activeBytes: Int? = nil,
                residentBytes: Int? = nil, mappedBytes: Int? = nil, retainedBytes: Int? = nil, arenas: Int? = nil) {
        self.liveBytes = liveBytes
        self.freeBytes = freeBytes
        self.systemBytes = systemBytes
        self.activeBytes = activeBytes
        self.residentBytes = residentBytes
        self.mappedBytes = mappedBytes
        self.retainedBytes = retainedBytes
        self.arenas = arenas
    }
}
