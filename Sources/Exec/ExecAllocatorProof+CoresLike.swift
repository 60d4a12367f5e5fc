import BenchModel

extension ExecAllocatorProof {
    /// `--cores-like N`, proved from inside the command's process: jemalloc's `opt.narenas` as
    /// the probe read it, or glibc's MALLOC_ARENA_MAX as the process saw it and the most arenas
    /// it reported using (the probe's record at a phase's end or at exit). nil when proved or
    /// not asked; a cap other than the configuration's fails the run. Without the probe the
    /// caps cannot be seen, so nothing is claimed.
    var coresLikeFailure: String? {
        guard let cores = configuration.coresLike, let root = inside?.root else { return nil }
        if let wanted = configuration.jemallocArenas, root.narenas != wanted {
            return "\(configuration.name): --cores-like \(cores) wants jemalloc's opt.narenas at \(wanted), but the command's process reports \(root.narenas.map(String.init) ?? "none") (MALLOC_CONF=\(configuration.environment["MALLOC_CONF"] ?? "") did not take effect)"
        }
        if let limit = configuration.arenaLimit, configuration.expectedKind == .glibc {
            if root.arenaMax != "\(limit)" {
                return "\(configuration.name): --cores-like \(cores) wants MALLOC_ARENA_MAX=\(limit), but the command's process saw '\(root.arenaMax ?? "")'"
            }
            if let seen = arenasSeen, seen > limit {
                return "\(configuration.name): glibc used \(seen) arenas, above MALLOC_ARENA_MAX=\(limit)"
            }
        }
        return nil
    }

    /// "; like 32 CPUs: opt.narenas 128", appended to the proof.
    var coresLikeProof: String {
        guard let cores = configuration.coresLike, let root = inside?.root else { return "" }
        if configuration.jemallocArenas != nil, let narenas = root.narenas {
            return "; like \(cores) CPUs: opt.narenas \(narenas) (from inside)"
        }
        if let limit = configuration.arenaLimit, root.arenaMax == "\(limit)" {
            return "; like \(cores) CPUs: MALLOC_ARENA_MAX=\(limit) seen inside" + (arenasSeen.map { ", \($0) arena(s) used" } ?? "")
        }
        return ""
    }
}
