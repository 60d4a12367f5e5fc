#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The facts about this machine that a memory figure depends on, recorded in every report.
public struct MachineFacts: Codable, Sendable {
    public var kernel: String
    public var architecture: String
    public var cpuModel: String?
    public var cores: Int
    public var memoryBytes: Int?
    public var transparentHugePages: String?
    public var transparentHugePagesDefrag: String?
    public var overcommitMemory: String?
    public var swapTotalBytes: Int?
    public var glibcVersion: String?
    public var swiftVersion: String?
    /// How the bench and worker binaries were compiled (`debug` numbers are not comparable).
    public var buildConfiguration: String
    public var commandLine: String
    public var startedAt: String
    /// Per allocator configuration: the preflight's proof (version, arenas under contention).
    public var allocators: [AllocatorPreflight]
    /// The worker binaries the runs came from (absent in reports from before they were recorded).
    public var workers: [WorkerBinaryFacts]? = nil
    /// The testbed's name and fingerprint (see Testbed.swift); absent in reports from before it was recorded.
    public var testbed: Testbed? = nil
    /// `--cores-like N`: every configuration ran with the arena caps of a machine with N CPUs
    /// (nil: this machine's own).
    public var coresLike: Int? = nil

    public static func collect(commandLine: String, buildConfiguration: String, allocators: [AllocatorPreflight]) -> MachineFacts {
        var name = utsname()
        uname(&name)
        func field<T>(_ value: inout T) -> String {
            withUnsafeBytes(of: &value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let meminfo = MemInfo()
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) }
        let glibc = allocators.first { $0.identity?.kind == .glibc }?.identity?.version
        return MachineFacts(
            kernel: "\(field(&name.sysname)) \(field(&name.release))", architecture: field(&name.machine),
            cpuModel: model, cores: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), memoryBytes: meminfo.bytes("MemTotal"),
            transparentHugePages: selected(readTrimmed("/sys/kernel/mm/transparent_hugepage/enabled")),
            transparentHugePagesDefrag: selected(readTrimmed("/sys/kernel/mm/transparent_hugepage/defrag")),
            overcommitMemory: readTrimmed("/proc/sys/vm/overcommit_memory"), swapTotalBytes: meminfo.bytes("SwapTotal"),
            glibcVersion: glibc, swiftVersion: swiftVersion(), buildConfiguration: buildConfiguration,
            commandLine: commandLine, startedAt: ISO8601DateFormatter().string(from: Date()), allocators: allocators)
    }

    public static func readTrimmed(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// "always [madvise] never" → "madvise".
    public static func selected(_ text: String?) -> String? {
        guard let text else { return nil }
        guard let open = text.firstIndex(of: "["), let close = text.firstIndex(of: "]") else { return text }
        return String(text[text.index(after: open)..<close])
    }

    /// The compiler that built this binary (known at compile time, so no `swift` is needed at
    /// run time).
    public static func swiftVersion() -> String {
        #if compiler(>=6.4)
        return "6.4 or later"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #else
        return "6.1"
        #endif
    }
}

/// One worker binary a suite ran: where it was and a SHA-256 of its contents, so that a report
/// says which build of a package's own worker (`--worker`) its figures belong to.
public struct WorkerBinaryFacts: Codable, Sendable, Equatable {
    public var path: String
    /// Lowercase hex; nil when the file could not be read or was not hashed (a built-in worker
    /// under a debug build of bench).
    public var sha256: String?
    /// True for a package's own worker (`--worker`), false for MemoryBench's built-in one.
    public var ownWorker: Bool

    public init(path: String, sha256: String?, ownWorker: Bool) {
        self.path = path
        self.sha256 = sha256
        self.ownWorker = ownWorker
    }
}
