import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import MemoryProbe

extension SuiteOptions {
    /// `bench all --resume DIR` (`exec` false) and `bench exec --resume DIR`: the same plan as
    /// the interrupted suite, the runs it lacks, and the full report (see SuiteSession+Resume).
    func resume(_ path: String, exec: Bool, afterReport: (SuiteSession.Outcome) -> Void = { _ in }) throws {
        let suite = try SuiteSession.resumable(path, exec: exec)
        let build = try Self.buildConfiguration(of: suite.plan.workers)
        let executor = SuiteExecutorFactory.executor(for: suite.plan, quiet: quiet)
        var session = SuiteSession(resuming: suite, executor: executor, buildConfiguration: build, progress: progressReporter)
        // A suite started with --sites profiles them when it is resumed too (its suite.json says so).
        if let lgSample = suite.plan.sitesSampleLog2Bytes {
            session.siteProfiling = try SitesOptions.profiling(lgSample: lgSample, path: ProcessInfo.processInfo.environment["PATH"])
        }
        try finish(session, afterReport: afterReport)
    }

    /// The options given that would change a suite's plan, by flag: `--resume` continues a suite
    /// as it was planned, so it takes none of them (progress and quiet only change what is printed).
    var planOptionsGiven: [String] {
        let given: [(String, Bool)] = [
            ("--allocators", allocators != nil), ("--custom-allocator", !customAllocators.isEmpty), ("--runs", runs != nil),
            ("--count", count), ("--max-runs", maxRuns != nil), ("--time-budget", timeBudget != nil),
            ("--interval-ms", intervalMs != nil), ("--timeout", timeout != nil), ("--memory-limit", memoryLimit != nil),
            ("--out", out != nil), ("--cache-dir", cacheDirectory != nil), ("--worker", worker != nil),
            ("--worker-jemalloc", jemallocWorker != nil), ("--testbed", testbed != nil), ("--budget", !budget.isEmpty),
            ("--cores-like", coresLike != nil),
        ]
        return given.filter(\.1).map(\.0) + exports.given + sites.given
    }

    /// `--resume` with any of `given` is one line (exit 64).
    static func refuseWithResume(_ given: [String]) throws {
        if let first = given.first {
            throw ValidationError("--resume continues the suite as it was planned (its suite.json); do not combine it with \(first)")
        }
    }

    /// How the measured code was compiled: a package's own worker says so in its catalog (the
    /// plugin runs a debug bench with a release worker); the built-in workers are built with bench.
    static func buildConfiguration(of workers: WorkerSet) throws -> String {
        guard workers.worker != nil else { return buildConfiguration }
        return try Catalog.load(workers).buildConfiguration ?? buildConfiguration
    }

    /// How this program was compiled (`debug` numbers are not comparable).
    static var buildConfiguration: String { BuildConfiguration.current }
}

extension ExportOptions {
    /// The export flags given.
    var given: [String] {
        [("--export-json", json), ("--export-markdown", markdown), ("--export-github-benchmark", githubBenchmark), ("--export-bmf", bmf)]
            .filter { $0.1 != nil }.map(\.0)
    }
}

extension SitesOptions {
    /// The `--sites` flags given.
    var given: [String] {
        [("--sites", sites), ("--sites-sample", lgSample != nil)].filter(\.1).map(\.0)
    }
}
