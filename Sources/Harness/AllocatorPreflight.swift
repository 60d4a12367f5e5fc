import Foundation
import MemoryProbe

/// Before a suite, one short worker per configuration answers `identify` with eight threads
/// allocating at once: it proves the allocator (and, for glibc, that the arena limit holds under
/// contention, which a single-threaded run never tests) and gives the versions for the report.
public struct AllocatorPreflight: Codable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        case verified, failed, skipped
    }

    public var configuration: AllocatorConfiguration
    public var outcome: Outcome
    /// Why it failed or was skipped (with the install command when something is missing).
    public var reason: String?
    public var identity: AllocatorIdentity?
    public var contendingThreads: Int
    /// Arenas in use after the contending threads ran (glibc).
    public var arenasUnderContention: Int?
    public var proof: String?

    public static let contendingThreads = 8

    public static func run(_ configuration: AllocatorConfiguration, workers: WorkerSet) -> AllocatorPreflight {
        var preflight = AllocatorPreflight(configuration: configuration, outcome: .skipped, reason: nil, identity: nil,
                                           contendingThreads: contendingThreads, arenasUnderContention: nil, proof: nil)
        if let missing = workers.missingRequirement(of: configuration) {
            preflight.reason = missing
            // A user's own preload path that does not exist is their mistake to see as a failure;
            // a built-in configuration's missing package is a skip with the install command.
            preflight.outcome = configuration.package == nil ? .failed : .skipped
            return preflight
        }
        do {
            let outcome = try ChildProcess(
                executable: workers.path(for: configuration),
                arguments: ["identify", "--contend-threads", "\(contendingThreads)", "--result-fd", "3"],
                environment: workers.environment(for: configuration, scratch: "/tmp"), timeoutSeconds: 30
            ).run()
            guard outcome.termination == .exited(0) else {
                preflight.outcome = .failed
                preflight.reason = "\(configuration.name): the worker's identify step ended with \(outcome.terminationDescription): \(outcome.stderrTail(lines: 3))"
                return preflight
            }
            let answer = try JSONDecoder().decode(AllocatorIdentification.self, from: outcome.result)
            preflight.identity = answer.allocator
            preflight.arenasUnderContention = answer.allocator.kind == .glibc ? answer.stats?.arenas : nil
            if let failure = AllocatorVerification.failure(of: configuration, identity: answer.allocator,
                                                           arenasSeen: preflight.arenasUnderContention) {
                preflight.outcome = .failed
                preflight.reason = failure
            } else {
                preflight.outcome = .verified
                preflight.proof = AllocatorVerification.proof(of: configuration, identity: answer.allocator,
                                                              arenasSeen: preflight.arenasUnderContention)
            }
        } catch {
            preflight.outcome = .failed
            preflight.reason = "\(configuration.name): \(error)"
        }
        return preflight
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
        if let library = configuration.preloadLibrary, !fileExists(library) {
            return library.hasPrefix("/")
                ? "\(library) does not exist\(install)"
                : "\(library) is not installed\(install)"
        }
        if !fileExists(path(for: configuration)) {
            if configuration.worker == .jemallocLinked {
                return "\(path(for: configuration)) was not built (it needs libjemalloc-dev at build time)\(install), then rebuild"
            }
            return "\(path(for: configuration)) not found: build the package first (swift build -c release)"
        }
        return nil
    }

    /// The worker's whole environment: a fixed minimal base plus the configuration's variables,
    /// never the caller's shell (a stray MALLOC_ARENA_MAX or LD_PRELOAD there must not leak in).
    public func environment(for configuration: AllocatorConfiguration, scratch: String) -> [String: String] {
        var environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": scratch, "TMPDIR": scratch]
        environment.merge(configuration.environment) { _, new in new }
        return environment
    }
}
