import Foundation
import MemoryProbe
import BenchModel

extension AllocatorPreflight {
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
