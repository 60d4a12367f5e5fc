#if canImport(Glibc)
import Glibc
#endif
import Foundation
import BenchModel
import MemoryProbe
import Suite

/// The preloaded probe that proves a command's allocator from inside each of its processes
/// (Probe/probe.c). bench compiles it with the C compiler once per source version into the cache
/// folder: a library SwiftPM links carries the Swift runtime and libstdc++, 3 MiB of RSS in
/// every measured process; this one needs only libc and libdl.
public enum ExecProbeLibrary {
    public static let fileName = "libbench-exec-probe.so"
    /// The variable naming the per-run folder each process writes its report into.
    public static let folderVariable = "MEMORYBENCH_PROOF_DIR"

    /// The library, built now if the cache lacks this version; or why it cannot be had (then
    /// the allocator is proved from /proc/PID/maps, from outside).
    public static func prepare(cacheDirectory: String, environment: [String: String]) -> Result<String, ProbeUnavailable> {
        CachedCLibrary.build(source: Bundle.module.path(forResource: "probe", ofType: "c"), fileName: fileName,
                             folder: "exec-probe", cacheDirectory: cacheDirectory, environment: environment)
            .mapError { ProbeUnavailable(reason: $0.reason) }
    }

    public struct ProbeUnavailable: Error, Sendable {
        public var reason: String
    }
}

/// What the probe reported from one process: `key=value` lines in the run's proof folder.
public struct ProbeReport: Sendable, Equatable {
    public var pid: Int32
    public var executable: String
    /// The shared object `malloc` resolves to in that process.
    public var mallocProvider: String
    /// The allocator's own version ("jemalloc 5.3.0-…", "glibc 2.36", …).
    public var version: String
    /// jemalloc's arena cap (`opt.narenas`), and MALLOC_ARENA_MAX as the process saw it.
    public var narenas: Int?
    public var arenaMax: String?

    /// Parses one report; nil for anything else.
    public static func parse(_ text: String) -> ProbeReport? {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }), let provider = fields["malloc"] else { return nil }
        return ProbeReport(pid: pid, executable: fields["exe"] ?? "?", mallocProvider: provider, version: fields["version"] ?? "?",
                           narenas: fields["narenas"].flatMap { Int($0) }, arenaMax: fields["arena_max"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Every report in `folder`.
    public static func readAll(in folder: String) -> [ProbeReport] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        // Only `PID` files: the folder also holds `PID.end`, and a service's `PID.stats` and its
        // FIFO `PID.request`, which an open for reading would block on.
        return names.filter { !$0.isEmpty && $0.allSatisfy(\.isNumber) }.compactMap { readWholeFile("\(folder)/\($0)").flatMap(parse) }.sorted { $0.pid < $1.pid }
    }
}

/// What the probe recorded when one process returned from main or called exit (`PID.end` in the
/// run's proof folder): its RSS then and its allocator's own figures.
public struct ProbeEndRecord: Sendable, Equatable {
    public var pid: Int32
    /// `main` (returned from main) or `exit` (called exit).
    public var how: String
    public var rssBytes: Int
    public var hwmBytes: Int
    public var rssAnonBytes: Int?
    public var allocatorStats: AllocatorStats?

    public static let fileSuffix = ".end"

    /// Parses one record; nil for anything else. `pid` comes from the file name.
    public static func parse(_ text: String, pid: Int32) -> ProbeEndRecord? {
        var fields: [String: Int] = [:]
        var how: String?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            if parts[0] == "how" { how = String(parts[1]) } else if let value = Int(parts[1]) { fields[String(parts[0])] = value }
        }
        guard let how, let rss = fields["rss_kib"], rss >= 0 else { return nil }
        var stats: AllocatorStats?
        if let allocated = fields["allocated"] {
            stats = AllocatorStats(liveBytes: allocated, activeBytes: fields["active"], residentBytes: fields["resident"],
                                   retainedBytes: fields["retained"])
        } else if let live = fields["live"] {
            // glibc: in use in the arenas plus the chunks it mmapped for large requests.
            let mmapped = fields["mmapped"] ?? 0
            stats = AllocatorStats(liveBytes: live + mmapped, freeBytes: fields["free"],
                                   systemBytes: fields["system"].map { $0 + mmapped }, arenas: fields["arenas"].flatMap { $0 >= 0 ? $0 : nil })
        }
        return ProbeEndRecord(pid: pid, how: how, rssBytes: rss * 1024, hwmBytes: (fields["hwm_kib"] ?? rss) * 1024,
                              rssAnonBytes: fields["anon_kib"].map { $0 * 1024 }, allocatorStats: stats)
    }

    /// The record of `pid` in `folder`, if its process wrote one.
    public static func read(in folder: String, pid: Int32) -> ProbeEndRecord? {
        readWholeFile("\(folder)/\(pid)\(fileSuffix)").flatMap { parse($0, pid: pid) }
    }
}
