import BenchModel
import Reporting

/// What runs the entries of a plan when they are not MemoryBench's own workers (`bench exec`
/// runs a foreign command): the `Runner` keeps the loop (plan order, skips, results.jsonl,
/// progress) and asks the executor for each configuration's preflight and each run.
public protocol RunExecutor {
    /// Whether the configuration can run here, and the proof or reason.
    func preflight(_ configuration: AllocatorConfiguration, workers: WorkerSet) -> AllocatorPreflight
    /// One measured run; `folder` is the run folder (where results.jsonl is), for its logs.
    func run(_ entry: RunPlan.Entry, index: Int, folder: String) -> RunResult
}
