#if canImport(Glibc)
import Glibc
#endif
import BenchModel
import Reporting

/// Where the worker executables are: beside the running `bench` (or test) executable, as
/// SwiftPM builds them into one folder.
public enum WorkerLocator {
    public static func defaultDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return "." }
        let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}

/// The worker executables and the environment each run gets: MemoryBench's own, beside
/// `bench`, or a package's own worker (`--worker PATH`, and `--worker-jemalloc PATH` for the same
/// target built linked against libjemalloc).
public struct WorkerSet: Sendable {
    public var directory: String
    /// A package's own worker (`MemoryBenchWorker.main(scenarios:)`), run instead of `bench-worker`.
    public var worker: String?
    /// The jemalloc-linked build of `worker`; without it `jemalloc-linked` is skipped.
    public var jemallocWorker: String?
    /// The allocation counter preloaded first by counted configurations (`CountingLibrary`).
    public var countingLibrary: String?
    /// Why the counter could not be built, when it could not.
    public var countingLibraryFailure: String?

    public init(directory: String = WorkerLocator.defaultDirectory()) { self.directory = directory }

    /// A package's own worker (absolute paths), or the built-in ones when `worker` is nil.
    public init(worker: String?, jemallocWorker: String?) {
        self.init()
        self.worker = worker
        self.jemallocWorker = worker == nil ? nil : jemallocWorker
    }

    public func path(for configuration: AllocatorConfiguration) -> String {
        if let worker {
            return configuration.worker == .jemallocLinked ? jemallocWorker ?? "\(worker)-jemalloc" : worker
        }
        return "\(directory)/\(configuration.worker.rawValue)"
    }

    /// The binaries the configurations run, each once, in the order of the configurations, with
    /// a SHA-256 of a package's own worker (nil when it cannot be read). The built-in workers'
    /// digests only when `digestBuiltIn`: hashing 15 MB in a debug build of bench takes seconds.
    public func binaries(for configurations: [AllocatorConfiguration], digestBuiltIn: Bool) -> [WorkerBinaryFacts] {
        var facts: [WorkerBinaryFacts] = []
        for configuration in configurations where missingRequirement(of: configuration) == nil {
            let path = path(for: configuration)
            guard !facts.contains(where: { $0.path == path }) else { continue }
            let digest = worker != nil || digestBuiltIn ? SHA256.hex(ofFile: path) : nil
            facts.append(WorkerBinaryFacts(path: path, sha256: digest, ownWorker: worker != nil))
        }
        return facts
    }

    /// What stops the configuration from running here, or nil.
    public func missingRequirement(of configuration: AllocatorConfiguration) -> String? {
        let install = configuration.installCommand.map { "; install it with: \($0)" } ?? ""
        if let missing = missingLibrary(of: configuration) { return missing }
        if configuration.isCounted, countingLibrary == nil {
            return "the allocation counter is not available: \(countingLibraryFailure ?? "it was not built")"
        }
        if let worker, configuration.worker == .jemallocLinked, jemallocWorker == nil {
            return "no jemalloc-linked build of \(worker) was given: build the same target linked against libjemalloc and pass it with --worker-jemalloc PATH"
        }
        if !fileExists(path(for: configuration)) {
            if configuration.worker == .jemallocLinked {
                return "\(path(for: configuration)) was not built (it needs libjemalloc-dev at build time)\(install), then rebuild"
            }
            return "\(path(for: configuration)) not found: build the package first (swift build -c release)"
        }
        return nil
    }

    /// The configuration's preload library, when it is not there (with the install command).
    public func missingLibrary(of configuration: AllocatorConfiguration) -> String? {
        guard let library = configuration.preloadLibrary, !fileExists(library) else { return nil }
        let install = configuration.installCommand.map { "; install it with: \($0)" } ?? ""
        return library.hasPrefix("/") ? "\(library) does not exist\(install)" : "\(library) is not installed\(install)"
    }

    /// The worker's whole environment: a fixed minimal base plus the configuration's variables,
    /// never the caller's shell (a stray MALLOC_ARENA_MAX or LD_PRELOAD there must not leak in).
    public func environment(for configuration: AllocatorConfiguration, scratch: String) -> [String: String] {
        var environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": scratch, "TMPDIR": scratch]
        environment.merge(configuration.environment) { _, new in new }
        // The counter goes first, so that it forwards to the allocator under test.
        if configuration.isCounted, let countingLibrary {
            environment["LD_PRELOAD"] = ([countingLibrary] + (environment["LD_PRELOAD"].map { [$0] } ?? [])).joined(separator: " ")
        }
        return environment
    }
}
