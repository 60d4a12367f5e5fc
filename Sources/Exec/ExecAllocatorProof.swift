import MemoryProbe
import BenchModel
import Suite

/// Proves which allocator a foreign process got. From inside, when the probe library
/// (`ExecProbeLibrary`) was preloaded: each process of the command reported which shared object
/// its `malloc` resolves to and the allocator's version, in files bench reads after the command
/// ended, so no command is too short to prove and the launcher's own state never counts. From
/// outside otherwise (and for what the probe cannot show): the allocator libraries mapped in
/// `/proc/PID/maps`, read shortly after the start, at every marker and now and then.
///
/// What this proves: a preloaded library was loaded into the process (the loader honoured
/// LD_PRELOAD), and for glibc configurations that no jemalloc, tcmalloc or mimalloc shared
/// library was. What it cannot prove from outside: that `malloc` binds to the mapped library
/// (a program that calls its own allocator through private symbols), an allocator linked
/// statically into the binary (a Rust or Go program), or glibc's arena limit (MALLOC_ARENA_MAX
/// is set in the environment; the arena count is only visible inside the process).
public struct ExecAllocatorProof: Sendable {
    public let configuration: AllocatorConfiguration
    /// Every allocator library seen mapped, over all reads.
    public private(set) var mapped: [String] = []
    public private(set) var reads = 0
    /// When the preloaded library was first seen mapped, in seconds since the start.
    public private(set) var preloadSeenSeconds: Double?
    var lastReadSeconds = -1.0
    /// When jemalloc's background thread was first seen among the command's threads.
    public internal(set) var backgroundThreadSeenSeconds: Double?
    var threadReads = 0
    var lastThreadReadSeconds = -1.0
    /// What the probe reported from inside (nil: no probe was preloaded).
    public private(set) var inside: Inside?
    /// The most glibc arenas the command's process reported (its phases' figures from inside).
    public var arenasSeen: Int?

    /// The probe's reports of one run.
    public struct Inside: Sendable {
        /// Every process of the command that reported (the launcher left out).
        public var reports: [ProbeReport]
        /// The command's own process, when it reported.
        public var root: ProbeReport?
    }

    /// The probe's reports, after the command ended: `root` is the command's pid, and reports
    /// of `launcher` (bench-exec-launcher's executable) are its own state and left out.
    public mutating func observeInside(_ reports: [ProbeReport], root: Int32?, launcher: String?) {
        let launcherPath = launcher.map { canonicalPath($0) ?? $0 }
        let theirs = reports.filter { launcherPath == nil || (canonicalPath($0.executable) ?? $0.executable) != launcherPath }
        inside = Inside(reports: theirs, root: theirs.first { $0.pid == root })
    }

    /// Whether `report`'s malloc is the configuration's: its preloaded library, or glibc's.
    func binds(_ report: ProbeReport) -> Bool {
        if let wanted = wantedLibrary { return (canonicalPath(report.mallocProvider) ?? report.mallocProvider) == wanted }
        return file(report.mallocProvider).hasPrefix("libc.so") || file(report.mallocProvider).hasPrefix("libc-")
    }

    /// The probe's verdict: nil when it proves nothing either way (no probe, or a glibc run whose
    /// command did not report: a static binary on its own malloc), .some(nil) when proved,
    /// .some(reason) when failed.
    func insideFailure(executable: String?) -> String?? {
        guard let inside else { return nil }
        guard let root = inside.root else {
            guard let library = configuration.preloadLibrary else { return nil }
            var why = "a static binary or a setuid program ignores LD_PRELOAD"
            if let executable, ExecutableInspection.isSetID(executable) {
                why = "\(executable) is setuid/setgid, and the loader ignores LD_PRELOAD for it"
            } else if let executable, ExecutableInspection.isStaticELF(executable) == true {
                why = "\(executable) is statically linked, so the loader never reads LD_PRELOAD"
            }
            return .some("\(configuration.name): the command's process never loaded the probe preloaded with \(file(library)), so \(file(library)) did not reach it either (\(why))")
        }
        guard binds(root) else {
            return .some("\(configuration.name): malloc in the command's process (\(root.executable)) resolves to \(root.mallocProvider), not \(configuration.preloadLibrary ?? "glibc's libc.so.6") (reported from inside)")
        }
        let strays = inside.reports.filter { !binds($0) }
        if !strays.isEmpty {
            return .some("\(configuration.name): malloc in \(strays.count) of \(inside.reports.count) processes of the command's tree resolves elsewhere: " + strays.prefix(3).map { "\($0.executable) → \(file($0.mallocProvider))" }.joined(separator: ", "))
        }
        return .some(nil)
    }

    public init(configuration: AllocatorConfiguration) { self.configuration = configuration }

    /// Whether the maps should be read now: at the first chance, then every half second, less
    /// often in a long run (every hundredth of the time elapsed: a 30-minute service's maps are
    /// not parsed 3,600 times); a preloaded library once seen needs no more reads.
    public func wantsRead(at seconds: Double) -> Bool {
        if configuration.preloadLibrary != nil && preloadSeenSeconds != nil { return false }
        return reads == 0 || seconds - lastReadSeconds >= max(0.5, seconds / 100)
    }

    public mutating func observe(_ libraries: [String], at seconds: Double) {
        reads += 1
        lastReadSeconds = seconds
        for library in libraries where !mapped.contains(library) { mapped.append(library) }
        if preloadSeenSeconds == nil, let wanted = wantedLibrary,
           libraries.contains(where: { (canonicalPath($0) ?? $0) == wanted }) {
            preloadSeenSeconds = seconds
        }
    }

    var wantedLibrary: String? { configuration.preloadLibrary.map { canonicalPath($0) ?? $0 } }

    /// nil when proved, else the one-line reason the run fails.
    public func failure(ranSeconds: Double, executable: String?) -> String? {
        if let verdict = insideFailure(executable: executable) { return verdict ?? backgroundThreadFailure }
        guard reads > 0 else {
            return "\(configuration.name): the command ended \(String(format: "%.0f", ranSeconds * 1000)) ms after it started, before /proc/PID/maps could be read, so its allocator is unproven (too short to measure from outside)"
        }
        if let library = configuration.preloadLibrary {
            guard preloadSeenSeconds == nil else { return backgroundThreadFailure }
            var why = "a static binary or a setuid program ignores LD_PRELOAD"
            if let executable, ExecutableInspection.isSetID(executable) {
                why = "\(executable) is setuid/setgid, and the loader ignores LD_PRELOAD for it"
            } else if let executable, ExecutableInspection.isStaticELF(executable) == true {
                why = "\(executable) is statically linked, so the loader never reads LD_PRELOAD"
            }
            return "\(configuration.name): \(file(library)) was never mapped into the command's process (\(reads) read(s) of /proc/PID/maps; \(why))"
        }
        if configuration.expectedKind == .glibc, !mapped.isEmpty {
            return "\(configuration.name): the command maps \(mapped.map(file).joined(separator: ", ")) itself, so it does not run on glibc malloc"
        }
        return nil
    }

    /// The one-line proof for the report.
    public var proof: String {
        if let inside, let root = inside.root, insideFailure(executable: nil) == .some(nil) {
            let count = inside.reports.count
            return "malloc bound to \(file(root.mallocProvider)) (\(root.version)) in \(count == 1 ? "the command's process" : "all \(count) processes of the command's tree"), reported from inside by the preloaded probe" + backgroundThreadProof
        }
        if let library = configuration.preloadLibrary, let seen = preloadSeenSeconds {
            return "\(file(library)) mapped in /proc/PID/maps \(String(format: "%.0f", seen * 1000)) ms after the start (LD_PRELOAD took effect)" + backgroundThreadProof
        }
        var text = mapped.isEmpty
            ? "no jemalloc, tcmalloc or mimalloc library mapped in \(reads) read(s) of /proc/PID/maps"
            : "mapped: \(mapped.map(file).joined(separator: ", ")) (\(reads) read(s) of /proc/PID/maps)"
        if let limit = configuration.arenaLimit {
            text += "; MALLOC_ARENA_MAX=\(limit) set, the arena count is not visible from outside"
        }
        return text
    }

    /// The identity the synthesised record carries: the configuration's allocator when its
    /// library is mapped, glibc when none is.
    public var identity: AllocatorIdentity {
        let kind: AllocatorKind
        if let root = inside?.root, insideFailure(executable: nil) == .some(nil) {
            return AllocatorIdentity(kind: configuration.expectedKind ?? .glibc, version: root.version, mallocProvider: root.mallocProvider,
                                     mappedLibraries: mapped, evidence: [proof])
        }
        if preloadSeenSeconds != nil, let expected = configuration.expectedKind {
            kind = expected
        } else {
            kind = AllocatorKind.allCases.first { kind in mapped.contains { file($0).contains(kind.rawValue) } } ?? .glibc
        }
        return AllocatorIdentity(kind: kind, version: nil, mallocProvider: nil, mappedLibraries: mapped, evidence: [proof])
    }

    func file(_ path: String) -> String { String(path.split(separator: "/").last ?? Substring(path)) }
}
