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
        guard let source = Bundle.module.path(forResource: "probe", ofType: "c"),
              let text = FileManager.default.contents(atPath: source) else {
            return .failure(ProbeUnavailable(reason: "probe.c is missing from bench's resources"))
        }
        let folder = "\(cacheDirectory)/exec-probe"
        let library = "\(folder)/\(fnv1a(text))-\(fileName)"
        if FileManager.default.fileExists(atPath: library) { return .success(library) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return .failure(ProbeUnavailable(reason: "cannot create \(folder): \(error.localizedDescription)"))
        }
        let compilers = [environment["CC"], "cc", "gcc", "clang"].compactMap { $0 }.filter { !$0.isEmpty }
        guard let compiler = compilers.lazy.compactMap({ resolve($0, path: environment["PATH"]) }).first else {
            return .failure(ProbeUnavailable(reason: "no C compiler (cc, gcc, clang or $CC) to build the probe library"))
        }
        let partial = "\(library).\(getpid()).tmp"
        var child = ChildProcess(executable: compiler, arguments: ["-shared", "-fPIC", "-O2", "-o", partial, source, "-ldl"],
                                 environment: environment, timeoutSeconds: 120)
        child.tickIntervalMs = 50
        guard let outcome = try? child.run(), outcome.termination == .exited(0), rename(partial, library) == 0 else {
            unlink(partial)
            return .failure(ProbeUnavailable(reason: "\(compiler) could not build the probe library from \(source)"))
        }
        return .success(library)
    }

    public struct ProbeUnavailable: Error, Sendable {
        public var reason: String
    }

    static func resolve(_ name: String, path: String?) -> String? {
        if case .found(let executable) = ExecutableInspection.resolve(name, searchPath: path) { return executable }
        return nil
    }

    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
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

    /// Parses one report; nil for anything else.
    public static func parse(_ text: String) -> ProbeReport? {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }), let provider = fields["malloc"] else { return nil }
        return ProbeReport(pid: pid, executable: fields["exe"] ?? "?", mallocProvider: provider, version: fields["version"] ?? "?")
    }

    /// Every report in `folder`.
    public static func readAll(in folder: String) -> [ProbeReport] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { readWholeFile("\(folder)/\($0)").flatMap(parse) }.sorted { $0.pid < $1.pid }
    }
}
