import MemoryProbe

/// An allocator configuration is data: a name, the environment it sets, the worker binary it
/// runs, and what the worker must prove for a run under it to count.
public struct AllocatorConfiguration: Codable, Sendable, Hashable {
    public enum WorkerBinary: String, Codable, Sendable {
        case standard = "bench-worker"
        case jemallocLinked = "bench-worker-jemalloc"
    }

    public var name: String
    public var summary: String
    /// Variables set for the worker on top of the runner's minimal base environment.
    public var environment: [String: String]
    public var worker: WorkerBinary
    /// The allocator family the worker must find serving `malloc`; nil accepts any (a custom
    /// preload of a library MemoryBench does not know), in which case the mapping is the proof.
    public var expectedKind: AllocatorKind?
    /// glibc's arena limit that the arena count must respect.
    public var arenaLimit: Int?
    /// The library that must be loaded: set as LD_PRELOAD and seen in /proc/self/maps.
    public var preloadLibrary: String?
    /// The Debian package that provides what the configuration needs, for the skip message.
    public var package: String?
    /// True for a counted twin (`NAME+count`): the allocation counter (libbench-count.so) is
    /// preloaded first, its RSS is instrumented and compared only with other counted runs.
    /// Absent (nil) for every uncounted configuration, which never loads the counter.
    public var counted: Bool?
    /// True when jemalloc's background thread must be on (mallctl "background_thread") and
    /// running; nil: not checked.
    public var backgroundThread: Bool?
    /// `--cores-like N`: the CPU count whose arena caps this configuration runs with (nil: this
    /// machine's), and the jemalloc arena cap (`opt.narenas`) the run must prove.
    public var coresLike: Int?
    public var jemallocArenas: Int?

    public init(name: String, summary: String, environment: [String: String] = [:], worker: WorkerBinary = .standard,
                expectedKind: AllocatorKind?, arenaLimit: Int? = nil, preloadLibrary: String? = nil, package: String? = nil) {
        self.name = name
        self.summary = summary
        self.environment = environment
        self.worker = worker
        self.expectedKind = expectedKind
        self.arenaLimit = arenaLimit
        self.preloadLibrary = preloadLibrary
        self.package = package
    }

    public var isCounted: Bool { counted == true }

    /// The suffix of a counted twin's name.
    public static let countedSuffix = "+count"

    /// Whether a configuration's name is a counted twin's (reports know configurations by name).
    public static func isCountedName(_ name: String) -> Bool { name.hasSuffix(countedSuffix) }

    /// The same configuration with its allocations counted: `glibc+count`, `jemalloc-preload+count`, ….
    public func countedTwin() -> AllocatorConfiguration {
        guard !isCounted else { return self }
        var twin = self
        twin.name = name + Self.countedSuffix
        twin.summary = summary + "; allocations counted (RSS instrumented)"
        twin.counted = true
        return twin
    }

    /// The install command for what this configuration needs.
    public var installCommand: String? {
        package.map { "apt-get install -y \($0)" }
    }
}

extension AllocatorConfiguration {
    /// The built-in configurations, in report order; `glibc` first, as the reference.
    public static func builtIn(libraries: LibraryLocator = LibraryLocator()) -> [AllocatorConfiguration] {
        var all: [AllocatorConfiguration] = [
            AllocatorConfiguration(name: "glibc", summary: "glibc malloc, nothing set (up to 8 arenas per core)",
                                   expectedKind: .glibc),
        ]
        for limit in [1, 2, 4, 8] {
            all.append(AllocatorConfiguration(
                name: "glibc-arenas-\(limit)", summary: "glibc malloc with MALLOC_ARENA_MAX=\(limit)",
                environment: ["MALLOC_ARENA_MAX": "\(limit)"], expectedKind: .glibc, arenaLimit: limit))
        }
        all.append(preload(name: "jemalloc-preload", summary: "jemalloc through LD_PRELOAD",
                           library: "libjemalloc.so.2", kind: .jemalloc, package: "libjemalloc2", libraries: libraries))
        all.append(AllocatorConfiguration(
            name: "jemalloc-linked", summary: "a worker binary linked against libjemalloc",
            worker: .jemallocLinked, expectedKind: .jemalloc, package: "libjemalloc-dev"))
        all.append(jemallocBackground(libraries: libraries))
        all.append(jemallocDecayOneSecond(libraries: libraries))
        // The cause thread-pool-bloat shows: glibc 2.36 keeps an idle thread's arena heap because
        // its tcache still holds a chunk at the end of each 64 MiB sub-heap; without a tcache the
        // heaps shrink. Opt-in: a diagnosis, not a default (every malloc then takes its arena's lock).
        all.append(AllocatorConfiguration(
            name: "glibc-no-tcache", summary: "glibc malloc with its per-thread cache off (GLIBC_TUNABLES=glibc.malloc.tcache_count=0)",
            environment: ["GLIBC_TUNABLES": "glibc.malloc.tcache_count=0"], expectedKind: .glibc))
        all.append(preload(name: "tcmalloc-preload", summary: "tcmalloc (gperftools, minimal) through LD_PRELOAD",
                           library: "libtcmalloc_minimal.so.4", kind: .tcmalloc, package: "libtcmalloc-minimal4",
                           libraries: libraries))
        all.append(preload(name: "mimalloc-preload", summary: "mimalloc through LD_PRELOAD",
                           library: "libmimalloc.so.2", kind: .mimalloc, package: "libmimalloc2.0", libraries: libraries))
        return all
    }

    /// The configurations `bench all` and `bench run` use unless told otherwise: glibc with
    /// four arena settings, jemalloc both ways, and jemalloc with its background thread (the
    /// production setting); tcmalloc and mimalloc are opt-in.
    public static let defaultNames = [
        "glibc", "glibc-arenas-1", "glibc-arenas-2", "glibc-arenas-4", "glibc-arenas-8", "jemalloc-preload", "jemalloc-linked",
        "jemalloc-background",
    ]

    static func preload(name: String, summary: String, library: String, kind: AllocatorKind, package: String,
                        libraries: LibraryLocator) -> AllocatorConfiguration {
        // Unresolved, the bare file name stays so that the skip message can name it.
        let path = libraries.find(library) ?? library
        return AllocatorConfiguration(name: name, summary: summary, environment: ["LD_PRELOAD": path],
                                      expectedKind: kind, preloadLibrary: path, package: package)
    }
}
