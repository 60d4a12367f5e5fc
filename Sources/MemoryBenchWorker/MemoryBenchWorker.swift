#if canImport(Glibc)
import Glibc
#endif
import Foundation
@_exported import MemoryBenchScenario

/// The measured process, for the built-in scenarios and a package's own alike: decodes one
/// `WorkerRequest` from its command line, runs one scenario variant and writes one
/// `WorkerRecord` as JSON to the result descriptor (fd 3 when the runner opened it, else
/// stdout); `catalog` describes the scenarios. Messages go to stderr; exit status 0 means the
/// answer was written, 64 bad input, 70 a machine that cannot be measured or a scenario
/// declared wrong.
///
///     import MemoryBenchWorker
///     MemoryBenchWorker.main {
///         MemoryBenchmark("csv-parse", size: 200_000, unit: "rows") { Variant(…) { run in … } }
///         MyScenario()
///     }
public enum MemoryBenchWorker {
    /// The worker of `scenarios`: `MemoryBenchmark`s and `Scenario`s, one per line.
    public static func main(@ListBuilder<any Scenario> _ scenarios: () -> [any Scenario]) -> Never {
        main(scenarios: scenarios())
    }

    public static func main(scenarios: [any Scenario]) -> Never {
        do {
            let catalog = try Catalog(scenarios)
            let request: WorkerRequest
            do {
                request = try WorkerRequest(arguments: Array(CommandLine.arguments.dropFirst()))
            } catch let malformed as WorkerRequest.Malformed {
                throw WorkerFailure.usage(malformed.description)
            }
            switch request {
            case .run(let run): try self.run(run, in: catalog)
            case .prepare(let scenario, let size, let cache):
                try catalog.scenario(scenario).prepare(size: size, cacheDirectory: cache)
            case .identify(let threads): try identify(contendingThreads: threads)
            case .catalog:
                var description = ScenarioCatalogDescription(describing: catalog.scenarios)
                description.buildConfiguration = BuildConfiguration.current
                try emit(description, to: STDOUT_FILENO)
            }
            exit(0)
        } catch let failure as WorkerFailure {
            report(failure.description)
            exit(failure.exitCode)
        } catch {
            report("\(error)")
            exit(1)
        }
    }

    /// A message on stderr, named for this executable (`bench-worker`, or a package's own
    /// benchmark target: "CSVParse: …"), as the runner looks for it.
    static func report(_ message: String) {
        let name = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "worker"
        FileHandle.standardError.write(Data("\(name): \(message)\n".utf8))
    }

    /// The scenarios this worker runs, each name once.
    struct Catalog {
        let scenarios: [any Scenario]

        init(_ scenarios: [any Scenario]) throws {
            var seen = Set<String>()
            for scenario in scenarios where !seen.insert(scenario.name).inserted {
                throw WorkerFailure.environment("two scenarios are named \(scenario.name): give each its own name")
            }
            if let problem = scenarios.lazy.flatMap(\.declarationProblems).first {
                throw WorkerFailure.environment(problem)
            }
            self.scenarios = scenarios
        }

        func scenario(_ name: String) throws -> any Scenario {
            guard let scenario = scenarios.first(where: { $0.name == name }) else {
                let known = scenarios.map(\.name).joined(separator: ", ")
                throw WorkerFailure.usage("unknown scenario \(name); known: \(known)")
            }
            return scenario
        }
    }

    /// Refuses a `--param` key the scenario does not declare: a misspelt setting must not run
    /// the default silently.
    static func checkParameters(_ parameters: [String: String], of scenario: any Scenario) throws {
        let known = scenario.parameters.map(\.key)
        for key in parameters.keys.sorted() where !known.contains(key) {
            let accepted = known.isEmpty ? "it accepts none" : "known: \(known.joined(separator: ", "))"
            throw WorkerFailure.usage("scenario \(scenario.name) has no parameter \(key); \(accepted)")
        }
    }

    /// The allocator preflight: who serves malloc here, and (with `--contend-threads N`) how many
    /// arenas N threads allocating at once end up using.
    static func identify(contendingThreads threads: Int) throws {
        let probe = AllocatorProbe()
        if threads > 0 { ArenaContention.run(threads: threads) }
        try emit(AllocatorIdentification(allocator: probe.identity, contendingThreads: threads, stats: probe.stats()), to: 3)
    }

    static func run(_ request: WorkerRequest.Run, in catalog: Catalog) throws {
        try WorkerLimits.apply(dataLimitBytes: request.dataLimitBytes)
        let scenario = try catalog.scenario(request.scenario)
        let variantName = request.variant
        guard scenario.variant(named: variantName) != nil else {
            throw WorkerFailure.usage("scenario \(scenario.name) has no variant \(variantName)")
        }
        let size = request.size
        try checkParameters(request.parameters, of: scenario)
        // A variant that cannot run at this size says so, rather than run a smaller one.
        let maximumSize: Int?
        do { maximumSize = try scenario.maximumSize(of: variantName, parameters: request.parameters) }
        catch let failure as ScenarioCheckFailed { throw WorkerFailure.usage(failure.description) }
        if let maximumSize, size > maximumSize {
            throw ScenarioCheckFailed("\(scenario.name) \(variantName) runs at most \(maximumSize) \(scenario.sizeUnit), not \(size): run it at \(maximumSize) or less (and compare it with the others there)")
        }
        let interval = request.intervalMs

        // Everything the measurement needs is opened and allocated before the baseline.
        guard let status = ProcFile(path: "/proc/self/status") else {
            throw WorkerFailure.environment("cannot read /proc/self/status")
        }
        guard let sampler = RssSampler(intervalMs: interval) else {
            throw WorkerFailure.environment("cannot read /proc/self/statm")
        }
        // `--clear-refs PATH` exists for tests: a path the kernel refuses stands for a kernel
        // that refuses the reset, and the run falls back to sampled peaks.
        let peakReset = PeakResetter(path: request.clearRefsPath ?? "/proc/self/clear_refs")
        let probe = AllocatorProbe()
        let recorder = PhaseRecorder(status: status, peakReset: peakReset, sampler: sampler, allocator: probe)
        if request.announcesPhases { recorder.announceDescriptor = STDERR_FILENO }
        recorder.verificationPhases = Set(scenario.verificationPhases)
        let context = RunContext(size: size, cacheDirectory: request.cacheDirectory,
                                 scratchDirectory: request.scratchDirectory, parameters: request.parameters,
                                 recorder: recorder)
        // `--sampler off` (calibration): no sampling thread, to measure what the sampler costs.
        let sampling = request.sampling
        if sampling {
            guard sampler.start() else { throw WorkerFailure.environment("cannot start the sampler thread") }
        }
        try recorder.warmUp()
        let baseline = try recorder.snapshot()
        if let folder = request.heapProfileDirectory {
            guard let dumper = HeapProfileDumper(directory: folder) else {
                throw WorkerFailure.environment("--heap-profile needs jemalloc with profiling on (LD_PRELOAD=libjemalloc.so.2 MALLOC_CONF=prof:true)")
            }
            recorder.heapProfile = dumper
        }
        let baselineSeconds = sampler.secondsSinceOrigin()

        try scenario.run(variant: variantName, context: context)
        let wallSecondsAfterBaseline = sampler.secondsSinceOrigin() - baselineSeconds
        if sampling { sampler.stop() }
        if let failed = recorder.heapProfile?.failures, !failed.isEmpty {
            throw WorkerFailure.environment("mallctl(\"prof.dump\") failed at the end of \(failed.joined(separator: ", "))")
        }

        let record = WorkerRecord(
            schemaVersion: WorkerRecord.currentSchemaVersion, scenario: scenario.name, variant: variantName,
            size: size, pid: getpid(), allocator: probe.identity, peakMethod: recorder.peakMethod,
            peakMethodNote: recorder.peakResetFailure.map { "peaks are sampled every \(interval) ms: \($0)" },
            baseline: baseline, phases: recorder.phases,
            series: RssSeries(requestedIntervalMs: sampler.requestedIntervalMs,
                              effectiveIntervalMs: sampler.effectiveIntervalMs,
                              samples: sampler.samples(), maxPoints: 2_000),
            checks: context.checks, maximumSize: maximumSize, wallSecondsAfterBaseline: wallSecondsAfterBaseline,
            informationalChecks: context.informationalChecks.sorted())
        try emit(record, to: request.resultDescriptor ?? STDOUT_FILENO)
    }

    static func emit<T: Encodable>(_ value: T, to fd: Int32) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(value)
        data.append(0x0A)
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                guard let base = raw.baseAddress else { return }
                let n = write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WorkerFailure.environment("cannot write the result to fd \(fd)")
                }
                offset += n
            }
        }
    }
}
