import BenchModel

/// What runs one plan entry in a fresh process: MemoryBench's worker (`WorkerExecutor`), a
/// foreign command (`bench exec`'s `CommandExecutor`), or a scripted fake in the tests. The
/// `Runner` owns the loop (plan order, skips, results.jsonl, progress, interruption) and asks
/// the executor only for what differs; a suite asks the rest of it (`SuiteExecutor`).
public protocol RunExecutor {
    /// Whether the configuration can run here, with the proof or the reason. Asked once per
    /// configuration before any run.
    func preflight(_ configuration: AllocatorConfiguration) -> AllocatorPreflight
    /// Creates the cached input of `scenario` at `size` before its first run: nil when it is
    /// ready (or there is nothing to prepare), else why it failed.
    func prepare(scenario: String, size: Int) -> String?
    /// One measured run; `folder` is the run folder (where results.jsonl is), for logs. A run
    /// stopped by the user comes back with `RunResult.interrupted` as its reason.
    func run(_ entry: RunPlan.Entry, index: Int, folder: String) -> RunResult
}

extension RunResult {
    /// The reason of a run the user stopped (Ctrl-C, SIGTERM): it is not recorded, so that a
    /// resumed suite runs it again.
    public static let interruptedReason = "interrupted"

    /// A run that did not start, with its status and reason.
    public static func unrun(_ entry: RunPlan.Entry, index: Int, status: Status, reason: String?) -> RunResult {
        RunResult(schemaVersion: currentSchemaVersion, index: index, scenario: entry.scenario, variant: entry.variant,
                  allocator: entry.allocator.name, size: entry.size, repetition: entry.repetition, status: status,
                  reason: reason, configuration: entry.allocator, environment: [:], verified: nil, process: nil,
                  record: nil, stderrTail: nil)
    }
}
