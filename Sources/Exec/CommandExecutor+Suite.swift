import Foundation
import BenchModel
import Suite

/// A `bench exec` suite of a foreign command: no worker binaries to record (nor to check on
/// resume), the cap held on the RSS of the command's whole tree from outside, and `--sites`
/// profiled by preloading jemalloc into the command (CommandExecutor+Sites).
extension CommandExecutor: SuiteExecutor {
    public func binaries(for allocators: [AllocatorConfiguration], digestBuiltIn: Bool) -> [WorkerBinaryFacts]? { nil }

    public func capEnforcement(capBytes: Int) -> String { " of the command's process tree" }

    /// The command brings its own folders; each run makes its own proof and count folders.
    public mutating func beginSuite(scratchDirectory: String) {}

    public func changes(since recorded: [WorkerBinaryFacts]) -> [String] { [] }
}
