import Foundation
import MemoryProbe
import BenchModel
import Suite

/// Runs one calibration scenario in a fresh worker, outside the suite's runner: calibration
/// needs options a suite never sets (the sampler off, a child watched from outside) and keeps no
/// results file.
public struct CalibrationWorker: Sendable {
    public var workers: WorkerSet
    public var scratchDirectory: String
    public var cacheDirectory: String

    public init(workers: WorkerSet, scratchDirectory: String, cacheDirectory: String) {
        self.workers = workers
        self.scratchDirectory = scratchDirectory
        self.cacheDirectory = cacheDirectory
    }

    public struct Run: Sendable {
        public var record: WorkerRecord
        /// Spawn to exit, as the parent saw it.
        public var processWallSeconds: Double
        public var verified: Bool
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// One run of `scenario`/`variant` at `size` under `configuration`.
    /// - Parameters:
    ///   - sampler: false runs the worker with `--sampler off`.
    ///   - onTick: watches the child from outside while it runs (see `ChildProcess.onTick`).
    public func run(_ scenario: String, variant: String, size: Int, configuration: AllocatorConfiguration,
                    intervalMs: Double = 1, sampler: Bool = true, parameters: [String: String] = [:],
                    onTick: ((pid_t, Double) -> ChildProcess.TickAction)? = nil) throws -> Run {
        if let missing = workers.missingRequirement(of: configuration) { throw Failure(description: missing) }
        try FileManager.default.createDirectory(atPath: scratchDirectory, withIntermediateDirectories: true)
        var request = WorkerRequest.Run(scenario: scenario, variant: variant, size: size, cacheDirectory: cacheDirectory,
                                        scratchDirectory: scratchDirectory, intervalMs: intervalMs, parameters: parameters)
        request.announcesPhases = false
        request.sampling = sampler
        var child = ChildProcess(executable: workers.path(for: configuration), arguments: WorkerRequest.run(request).arguments,
                                 environment: workers.environment(for: configuration, scratch: scratchDirectory),
                                 timeoutSeconds: 120)
        child.onTick = onTick
        if onTick != nil { child.tickIntervalMs = 20 }
        let outcome = try child.run()
        guard outcome.termination == .exited(0) else {
            throw Failure(description: "\(scenario) \(variant) under \(configuration.name): worker \(outcome.terminationDescription): \(outcome.stderrTail(lines: 2))")
        }
        let record: WorkerRecord
        do {
            record = try JSONDecoder().decode(WorkerRecord.self, from: outcome.result)
        } catch {
            throw Failure(description: "\(scenario) under \(configuration.name): the worker's result is not a valid record")
        }
        let verified = AllocatorVerification.failure(of: configuration, identity: record.allocator, arenasSeen: nil) == nil
        return Run(record: record, processWallSeconds: outcome.wallSeconds, verified: verified)
    }
}
