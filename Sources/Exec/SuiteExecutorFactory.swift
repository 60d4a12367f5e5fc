import Foundation
import BenchModel
import Suite

/// The one place a suite's executor is chosen, from its plan: MemoryBench's workers, or
/// `bench exec`'s command when the plan records one. A new suite and `--resume` (of either kind)
/// come through here alike, so the two kinds of suite differ in nothing else. The libraries the
/// runs preload are built here, once per suite (a note on stderr when one cannot be).
public enum SuiteExecutorFactory {
    public static func executor(for plan: SuiteFile, environment: [String: String] = ProcessInfo.processInfo.environment,
                                quiet: Bool) -> any SuiteExecutor {
        guard let exec = plan.exec else { return workerExecutor(for: plan, environment: environment) }
        var options = CommandExecutor.Options(command: exec.command, callerEnvironment: exec.environment(over: environment))
        options.intervalMs = plan.intervalMs
        options.timeoutSeconds = plan.timeoutSeconds
        options.showOutput = exec.showOutput
        options.memoryCapBytes = plan.memoryCapBytes
        options.launcher = launcherPath
        options.probeLibrary = probeLibrary(cacheDirectory: plan.cacheDirectory, environment: environment, quiet: quiet)
        options.service = exec.service
        options.countingLibrary = countingLibrary(cacheDirectory: plan.cacheDirectory, environment: environment, for: plan.allocators)
        return CommandExecutor(options: options)
    }

    /// The worker executor, with the allocation counter for counted configurations (when it
    /// cannot be built, they are skipped with the reason).
    static func workerExecutor(for plan: SuiteFile, environment: [String: String]) -> WorkerExecutor {
        var workers = plan.workers
        if plan.allocators.contains(where: \.isCounted) {
            switch CountingLibrary.prepare(cacheDirectory: plan.cacheDirectory, environment: environment) {
            case .success(let library): workers.countingLibrary = library
            case .failure(let unavailable): workers.countingLibraryFailure = unavailable.reason
            }
        }
        return WorkerExecutor(workers: workers, options: plan.runnerOptions, scratchDirectory: FileManager.default.temporaryDirectory.path)
    }

    /// bench-exec-launcher, beside bench.
    public static var launcherPath: String { "\(WorkerSet().directory)/bench-exec-launcher" }

    /// The probe library that proves the allocator from inside; without it (no C compiler, say)
    /// a note, and the proof is from outside.
    static func probeLibrary(cacheDirectory: String, environment: [String: String], quiet: Bool) -> String? {
        switch ExecProbeLibrary.prepare(cacheDirectory: cacheDirectory, environment: environment) {
        case .success(let path): return path
        case .failure(let unavailable):
            if !quiet {
                FileHandle.standardError.write(Data("bench: note: the allocator is proved from /proc/PID/maps only (from outside; a short command can end before it is read): \(unavailable.reason)\n".utf8))
            }
            return nil
        }
    }

    /// The allocation counter for counted configurations; nil when none is counted, or when it
    /// cannot be built (then the counted configurations are skipped with the reason, and a note
    /// says it now).
    static func countingLibrary(cacheDirectory: String, environment: [String: String], for allocators: [AllocatorConfiguration]) -> String? {
        guard allocators.contains(where: \.isCounted) else { return nil }
        switch CountingLibrary.prepare(cacheDirectory: cacheDirectory, environment: environment) {
        case .success(let path): return path
        case .failure(let unavailable):
            FileHandle.standardError.write(Data("bench: note: counted configurations are skipped: the allocation counter cannot be built: \(unavailable.reason)\n".utf8))
            return nil
        }
    }
}
