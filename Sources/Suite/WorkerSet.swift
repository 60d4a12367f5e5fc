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

/// The worker executables and the environment each run gets.
public struct WorkerSet: Sendable {
    public var directory: String

    public init(directory: String = WorkerLocator.defaultDirectory()) { self.directory = directory }

    public func path(for configuration: AllocatorConfiguration) -> String {
        "\(directory)/\(configuration.worker.rawValue)"
    }

    /// What stops the configuration from running here, or nil.
    public func missingRequirement(of configuration: AllocatorConfiguration) -> String? {
        let install = configuration.installCommand.map { "; install it with: \($0)" } ?? ""
        if let missing = missingLibrary(of: configuration) { return missing }
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
        return environment
    }
}
