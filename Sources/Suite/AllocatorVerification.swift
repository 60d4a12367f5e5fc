import MemoryProbe
import BenchModel
import Reporting

/// Decides whether what a worker found matches what its configuration promised. A mismatch is
/// a failed run with this message, never a glibc row under a jemalloc name.
public enum AllocatorVerification {
    /// - Parameter arenasSeen: the largest glibc arena count the run reported.
    /// - Returns: nil when verified, else the reason.
    public static func failure(of configuration: AllocatorConfiguration, identity: AllocatorIdentity,
                               arenasSeen: Int?) -> String? {
        let provider = identity.mallocProvider ?? "an unknown object"
        if let expected = configuration.expectedKind, identity.kind != expected {
            var reason = "\(configuration.name) expected \(expected.rawValue), but malloc resolves to \(provider) (\(identity.kind.rawValue)"
            reason += identity.version.map { " \($0))" } ?? ")"
            if let library = configuration.preloadLibrary {
                reason += fileExists(library) ? "; LD_PRELOAD=\(library) did not take effect" : "; LD_PRELOAD=\(library) does not exist, and the loader silently fell back"
            }
            return reason
        }
        if let library = configuration.preloadLibrary {
            let wanted = canonicalPath(library) ?? library
            let mapped = identity.mappedLibraries.contains { (canonicalPath($0) ?? $0) == wanted }
            if !mapped {
                return "\(configuration.name): \(library) is not mapped in /proc/self/maps (mapped allocators: \(identity.mappedLibraries.isEmpty ? "none" : identity.mappedLibraries.joined(separator: ", ")))"
            }
        }
        if let limit = configuration.arenaLimit, let seen = arenasSeen, seen > limit {
            return "\(configuration.name): glibc used \(seen) arenas, above MALLOC_ARENA_MAX=\(limit)"
        }
        return coresLikeFailure(of: configuration, identity: identity) ?? backgroundThreadFailure(of: configuration, identity: identity)
    }

    /// The one-line proof shown in reports, e.g. "jemalloc 5.3.0 (mallctl; libjemalloc.so.2 mapped)".
    public static func proof(of configuration: AllocatorConfiguration, identity: AllocatorIdentity, arenasSeen: Int?) -> String {
        var parts: [String] = []
        switch identity.kind {
        case .glibc: parts.append("no mallctl/tc_version/mi_version")
        case .jemalloc: parts.append("mallctl(\"version\")")
        case .tcmalloc: parts.append("tc_version()")
        case .mimalloc: parts.append("mi_version()")
        }
        if let provider = identity.mallocProvider { parts.append("malloc in \(provider.split(separator: "/").last ?? "")") }
        if let library = configuration.preloadLibrary { parts.append("\(library.split(separator: "/").last ?? "") mapped") }
        if let background = backgroundThreadProof(identity) { parts.append(background) }
        if configuration.jemallocArenas != nil, let narenas = identity.narenas { parts.append("opt.narenas \(narenas)") }
        if let seen = arenasSeen {
            parts.append(configuration.arenaLimit.map { "\(seen) arena(s) ≤ \($0)" } ?? "\(seen) arena(s)")
        }
        return "\(identity.kind.rawValue) \(shortVersion(identity.version)) (\(parts.joined(separator: "; ")))"
    }

    /// "5.3.0-0-g54eaed1d…" → "5.3.0".
    public static func shortVersion(_ version: String?) -> String {
        guard let version else { return "?" }
        return String(version.split(separator: "-").first ?? Substring(version))
    }
}
