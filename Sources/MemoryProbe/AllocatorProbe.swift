#if canImport(Glibc)
import Glibc
#endif
import CMalloc

/// Finds out which allocator serves this process and reads its statistics.
///
/// Everything is resolved at run time with `dlsym`, so one worker binary works under every
/// configuration: jemalloc by `mallctl`, tcmalloc by `tc_version`, mimalloc by `mi_version`,
/// glibc by the absence of all three. The shared object that defines `malloc` (dladdr) and the
/// libraries mapped in /proc/self/maps are recorded as evidence beside the version.
public struct AllocatorProbe: Sendable {
    public let identity: AllocatorIdentity

    public init() {
        identity = Self.detect()
    }

    // MARK: Detection

    static func detect() -> AllocatorIdentity {
        let provider = memorybench_symbol_owner("malloc").map { String(cString: $0) }
        let mapped = mappedAllocatorLibraries()
        var evidence: [String] = []
        if let provider { evidence.append("malloc resolves to \(provider)") }

        if let version = Jemalloc.version() {
            evidence.append("mallctl resolves; mallctl(\"version\") = \(version)")
            var identity = AllocatorIdentity(kind: .jemalloc, version: version, mallocProvider: provider,
                                             mappedLibraries: mapped, evidence: evidence)
            Jemalloc.readBackgroundThread(into: &identity)
            Jemalloc.readArenaCap(into: &identity)
            return identity
        }
        if let version = Tcmalloc.version() {
            evidence.append("tc_version resolves; tc_version() = \(version)")
            return AllocatorIdentity(kind: .tcmalloc, version: version, mallocProvider: provider,
                                     mappedLibraries: mapped, evidence: evidence)
        }
        if let version = Mimalloc.version() {
            evidence.append("mi_version resolves; mi_version() = \(version)")
            return AllocatorIdentity(kind: .mimalloc, version: version, mallocProvider: provider,
                                     mappedLibraries: mapped, evidence: evidence)
        }
        let glibcVersion = String(cString: gnu_get_libc_version())
        evidence.append("no mallctl, tc_version or mi_version; glibc \(glibcVersion)")
        var identity = AllocatorIdentity(kind: .glibc, version: glibcVersion, mallocProvider: provider,
                                         mappedLibraries: mapped, evidence: evidence)
        identity.arenaMax = getenv("MALLOC_ARENA_MAX").map { String(cString: $0) }
        return identity
    }

    /// Paths of mapped shared objects whose names mark them as an allocator.
    static func mappedAllocatorLibraries() -> [String] {
        guard let maps = readWholeFile("/proc/self/maps") else { return [] }
        return mappedAllocatorLibraries(inMaps: maps)
    }

    /// The same, from the text of any process's `/proc/PID/maps`.
    public static func mappedAllocatorLibraries(inMaps maps: String) -> [String] {
        var found: [String] = []
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            // Only shared objects named for an allocator (not, say, a binary whose name
            // mentions one).
            let file = path.split(separator: "/").last ?? ""
            let isAllocator = file.hasPrefix("lib") && file.contains(".so")
                && ["jemalloc", "tcmalloc", "mimalloc"].contains { file.contains($0) }
            if isAllocator && !found.contains(path) { found.append(path) }
        }
        return found
    }

    // MARK: Statistics

    public func stats() -> AllocatorStats? {
        switch identity.kind {
        case .glibc:
            guard let info = GlibcMalloc.info() else { return nil }
            return AllocatorStats(liveBytes: info.liveBytes, freeBytes: info.freeBytes,
                                  systemBytes: info.systemCurrentBytes, arenas: info.arenas)
        case .jemalloc:
            return Jemalloc.stats()
        case .tcmalloc:
            return Tcmalloc.stats()
        case .mimalloc:
            return Mimalloc.stats()
        }
    }

    /// Returns freed memory to the system the way each allocator allows:
    /// `malloc_trim(0)`, jemalloc's `arena.<all>.purge`, tcmalloc's `ReleaseFreeMemory`,
    /// mimalloc's `mi_collect(true)`. Returns a description of what was called.
    @discardableResult
    public func trim() -> String {
        switch identity.kind {
        case .glibc:
            let released = malloc_trim(0)
            return "malloc_trim(0) = \(released)"
        case .jemalloc:
            return Jemalloc.purgeAllArenas() ? "mallctl(\"arena.4096.purge\")" : "mallctl(\"arena.4096.purge\") failed"
        case .tcmalloc:
            return Tcmalloc.releaseFreeMemory() ? "MallocExtension_ReleaseFreeMemory()" : "no ReleaseFreeMemory"
        case .mimalloc:
            return Mimalloc.collect() ? "mi_collect(true)" : "no mi_collect"
        }
    }
}

/// Reads a whole file into a String, to its end: for /proc files, whose size `stat` reports as
/// 0 (Foundation's `contentsOfFile` may stop after the first read of such a file).
public func readWholeFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 { return nil }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

func lookup<T>(_ symbol: String, as type: T.Type) -> T? {
    guard let address = dlsym(nil, symbol) else { return nil }
    return unsafeBitCast(address, to: type)
}

enum GlibcMalloc {
    /// `malloc_info(0, fp)` written to an in-memory stream and parsed.
    static func info() -> GlibcMallocInfo? {
        var buffer: UnsafeMutablePointer<CChar>? = nil
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else { return nil }
        let status = malloc_info(0, stream)
        fclose(stream)
        defer { free(buffer) }
        guard status == 0, let buffer else { return nil }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: size) {
            GlibcMallocInfo.parse(bytes: UnsafeBufferPointer(start: $0, count: size))
        }
    }
}

enum Jemalloc {
    typealias Mallctl = @convention(c) (
        UnsafePointer<CChar>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?, Int
    ) -> Int32

    static var mallctl: Mallctl? { lookup("mallctl", as: Mallctl.self) }

    static func version() -> String? {
        guard let mallctl else { return nil }
        var pointer: UnsafePointer<CChar>? = nil
        var length = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &pointer, &length, nil, 0) == 0, let pointer else { return "unknown" }
        return String(cString: pointer)
    }

    static func read(_ name: String, using mallctl: Mallctl) -> Int? {
        var value = 0
        var length = MemoryLayout<Int>.size
        return mallctl(name, &value, &length, nil, 0) == 0 ? value : nil
    }

    static func stats() -> AllocatorStats? {
        guard let mallctl else { return nil }
        // Statistics are cached until the epoch advances. Old and new values need two
        // distinct variables.
        var newEpoch: UInt64 = 1
        var oldEpoch: UInt64 = 0
        var length = MemoryLayout<UInt64>.size
        _ = mallctl("epoch", &oldEpoch, &length, &newEpoch, MemoryLayout<UInt64>.size)
        return AllocatorStats(
            liveBytes: read("stats.allocated", using: mallctl),
            activeBytes: read("stats.active", using: mallctl),
            residentBytes: read("stats.resident", using: mallctl),
            mappedBytes: read("stats.mapped", using: mallctl),
            retainedBytes: read("stats.retained", using: mallctl),
            arenas: read("arenas.narenas", using: mallctl).map { $0 & 0xFFFF_FFFF })
    }

    static func purgeAllArenas() -> Bool {
        guard let mallctl else { return false }
        // MALLCTL_ARENAS_ALL is 4096 in jemalloc 5.
        return mallctl("arena.4096.purge", nil, nil, nil, 0) == 0
    }
}

enum Tcmalloc {
    typealias Version = @convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> UnsafePointer<CChar>?
    typealias NumericProperty = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<Int>?) -> Int32
    typealias Release = @convention(c) () -> Void

    static func version() -> String? {
        guard let function = lookup("tc_version", as: Version.self) else { return nil }
        return function(nil, nil, nil).map { String(cString: $0) } ?? "unknown"
    }

    static func stats() -> AllocatorStats? {
        guard let property = lookup("MallocExtension_GetNumericProperty", as: NumericProperty.self) else { return nil }
        func value(_ name: String) -> Int? {
            var result = 0
            return property(name, &result) != 0 ? result : nil
        }
        return AllocatorStats(liveBytes: value("generic.current_allocated_bytes"),
                              freeBytes: value("tcmalloc.pageheap_free_bytes"),
                              systemBytes: value("generic.heap_size"),
                              retainedBytes: value("tcmalloc.pageheap_unmapped_bytes"))
    }

    static func releaseFreeMemory() -> Bool {
        guard let function = lookup("MallocExtension_ReleaseFreeMemory", as: Release.self) else { return false }
        function()
        return true
    }
}

enum Mimalloc {
    typealias Version = @convention(c) () -> Int32
    typealias Collect = @convention(c) (Bool) -> Void
    typealias ProcessInfo = @convention(c) (
        UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?,
        UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?
    ) -> Void

    static func version() -> String? {
        guard let function = lookup("mi_version", as: Version.self) else { return nil }
        let v = Int(function())  // e.g. 209 for 2.0.9
        return "\(v / 100).\((v % 100) / 10).\(v % 10)"
    }

    static func stats() -> AllocatorStats? {
        guard let function = lookup("mi_process_info", as: ProcessInfo.self) else { return nil }
        var elapsed = 0, user = 0, system = 0, rss = 0, peakRss = 0, commit = 0, peakCommit = 0, faults = 0
        function(&elapsed, &user, &system, &rss, &peakRss, &commit, &peakCommit, &faults)
        return AllocatorStats(mappedBytes: commit)
    }

    static func collect() -> Bool {
        guard let function = lookup("mi_collect", as: Collect.self) else { return false }
        function(true)
        return true
    }
}
