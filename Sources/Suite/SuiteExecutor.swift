import Foundation
import BenchModel

/// A run executor as a whole suite uses it: besides running entries (`RunExecutor`), everything
/// that differs between a suite of MemoryBench's own workers (`WorkerExecutor`) and a
/// `bench exec` suite of a foreign command (`CommandExecutor`). Chosen once, from the suite's
/// plan, for a new suite and for `--resume` alike (`SuiteExecutorFactory`, in Exec), so nothing
/// downstream asks which kind of suite it is.
public protocol SuiteExecutor: RunExecutor {
    /// The binaries the runs come from, for environment.json: MemoryBench's workers (a
    /// package's own named by path and digest); nil for a foreign command.
    func binaries(for allocators: [AllocatorConfiguration], digestBuiltIn: Bool) -> [WorkerBinaryFacts]?
    /// How the RSS cap of `capBytes` is held, as the progress line says it after
    /// "memory cap per run: … of RSS".
    func capEnforcement(capBytes: Int) -> String
    /// Once, before the first preflight: the folder the suite's runs may scratch in (it is
    /// removed when the suite ends).
    mutating func beginSuite(scratchDirectory: String)
    /// `--sites`, once the measured runs are done: the profiling runs, its own way, and their
    /// sites written to the run folder. Profiling runs are never results.
    func profileSites(_ plan: RunPlan, measured: [RunResult], folder: RunFolder, profiling: SiteProfiling,
                      progress: ProgressReporter) throws -> [CellSites]
    /// On resume: a warning per binary of `recorded` (as the suite started) that changed since.
    func changes(since recorded: [WorkerBinaryFacts]) -> [String]
}
