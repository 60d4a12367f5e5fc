import Foundation
import MemoryProbe
import BenchModel

extension AllocatorPreflight {
    /// The one rule for a configuration that cannot run here: a built-in configuration whose
    /// package is missing is skipped (the reason carries the install command); a user's own
    /// configuration (a preload path that does not exist, say) is their mistake to see, a failure.
    public static func unavailable(_ configuration: AllocatorConfiguration, reason: String, contendingThreads: Int) -> AllocatorPreflight {
        AllocatorPreflight(configuration: configuration, outcome: configuration.package == nil ? .failed : .skipped,
                           reason: reason, identity: nil, contendingThreads: contendingThreads, arenasUnderContention: nil, proof: nil)
    }

    public static func run(_ configuration: AllocatorConfiguration, workers: WorkerSet) -> AllocatorPreflight {
        if let missing = workers.missingRequirement(of: configuration) {
            return .unavailable(configuration, reason: missing, contendingThreads: contendingThreads)
        }
        var preflight = AllocatorPreflight(configuration: configuration, outcome: .skipped, reason: nil, identity: nil,
                                           contendingThreads: contendingThreads, arenasUnderContention: nil, proof: nil)
        do {
            let outcome = try ChildProcess(
                executable: workers.path(for: configuration),
                arguments: WorkerRequest.identify(contendingThreads: contendingThreads).arguments,
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
