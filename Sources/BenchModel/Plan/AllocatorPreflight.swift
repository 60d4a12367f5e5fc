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

    public init(configuration: AllocatorConfiguration, outcome: Outcome, reason: String?, identity: AllocatorIdentity?,
                contendingThreads: Int, arenasUnderContention: Int?, proof: String?) {
        self.configuration = configuration
        self.outcome = outcome
        self.reason = reason
        self.identity = identity
        self.contendingThreads = contendingThreads
        self.arenasUnderContention = arenasUnderContention
        self.proof = proof
    }
}
