#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import Scenarios

/// The measured process: runs one scenario variant and writes one `WorkerRecord` as JSON to the
/// result descriptor (fd 3 when the runner opened it, else stdout). Messages go to stderr;
/// exit status 0 means the record was written.
public enum WorkerMain {
    public static func main() -> Never {
        do {
            let arguments = try WorkerArguments(Array(CommandLine.arguments.dropFirst()))
            switch arguments.command {
            case "run": try run(arguments)
            case "prepare": try prepare(arguments)
            case "identify": try identify(arguments)
            case "catalog": try emit(ScenarioCatalog.description, arguments)
            default: throw WorkerFailure.usage("unknown command \(arguments.command)")
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

    static func report(_ message: String) {
        FileHandle.standardError.write(Data("bench-worker: \(message)\n".utf8))
    }

    static func scenario(_ arguments: WorkerArguments) throws -> any Scenario {
        let name = try arguments.string("scenario")
        guard let scenario = ScenarioCatalog.named(name) else { throw WorkerFailure.usage("unknown scenario \(name)") }
        return scenario
    }

    /// Refuses a `--param` key the scenario does not declare: a misspelt setting must not run
    /// the default silently.
    static func checkParameters(_ arguments: WorkerArguments, of scenario: any Scenario) throws {
        let known = scenario.parameters.map(\.key)
        for key in arguments.parameters.keys.sorted() where !known.contains(key) {
            let accepted = known.isEmpty ? "it accepts none" : "known: \(known.joined(separator: ", "))"
            throw WorkerFailure.usage("scenario \(scenario.name) has no parameter \(key); \(accepted)")
        }
    }

    static func prepare(_ arguments: WorkerArguments) throws {
        let scenario = try scenario(arguments)
        try checkParameters(arguments, of: scenario)
        try scenario.prepare(size: try arguments.int("size"), cacheDirectory: try arguments.string("cache"))
    }

    /// The allocator preflight: who serves malloc here, and (with `--contend-threads N`) how many
    /// arenas N threads allocating at once end up using.
    static func identify(_ arguments: WorkerArguments) throws {
        let probe = AllocatorProbe()
        let threads = Int(arguments.options["contend-threads"] ?? "0") ?? 0
        if threads > 0 { ArenaContention.run(threads: threads) }
        try emit(AllocatorIdentification(allocator: probe.identity, contendingThreads: threads, stats: probe.stats()),
                 arguments)
    }

    static func run(_ arguments: WorkerArguments) throws {
        try WorkerLimits.apply(arguments)
        let scenario = try scenario(arguments)
        let variantName = try arguments.string("variant")
        guard scenario.variant(named: variantName) != nil else {
            throw WorkerFailure.usage("scenario \(scenario.name) has no variant \(variantName)")
        }
        let size = try arguments.int("size")
        try checkParameters(arguments, of: scenario)
        // A variant that cannot run at this size says so, rather than run a smaller one.
        let maximumSize: Int?
        do { maximumSize = try scenario.maximumSize(of: variantName, parameters: arguments.parameters) }
        catch let failure as ScenarioCheckFailed { throw WorkerFailure.usage(failure.description) }
        if let maximumSize, size > maximumSize {
            throw ScenarioCheckFailed("\(scenario.name) \(variantName) runs at most \(maximumSize) \(scenario.sizeUnit), not \(size): run it at \(maximumSize) or less (and compare it with the others there)")
        }
        let interval = try arguments.double("interval-ms", default: 1)

        // Everything the measurement needs is opened and allocated before the baseline.
        guard let status = ProcFile(path: "/proc/self/status") else {
            throw WorkerFailure.environment("cannot read /proc/self/status")
        }
        guard let sampler = RssSampler(intervalMs: interval) else {
            throw WorkerFailure.environment("cannot read /proc/self/statm")
        }
        // `--clear-refs PATH` exists for tests: a path the kernel refuses stands for a kernel
        // that refuses the reset, and the run falls back to sampled peaks.
        let peakReset = PeakResetter(path: arguments.options["clear-refs"] ?? "/proc/self/clear_refs")
        let probe = AllocatorProbe()
        let recorder = PhaseRecorder(status: status, peakReset: peakReset, sampler: sampler, allocator: probe)
        if arguments.options["announce-phases"] == "yes" { recorder.announceDescriptor = STDERR_FILENO }
        recorder.verificationPhases = Set(scenario.verificationPhases)
        let context = RunContext(size: size, cacheDirectory: try arguments.string("cache"),
                                 scratchDirectory: try arguments.string("scratch"), parameters: arguments.parameters,
                                 recorder: recorder)
        // `--sampler off` (calibration): no sampling thread, to measure what the sampler costs.
        let sampling = arguments.options["sampler"] != "off"
        if sampling {
            guard sampler.start() else { throw WorkerFailure.environment("cannot start the sampler thread") }
        }
        try recorder.warmUp()
        let baseline = try recorder.snapshot()
        let baselineSeconds = sampler.secondsSinceOrigin()

        try scenario.run(variant: variantName, context: context)
        let wallSecondsAfterBaseline = sampler.secondsSinceOrigin() - baselineSeconds
        if sampling { sampler.stop() }

        let record = WorkerRecord(
            schemaVersion: WorkerRecord.currentSchemaVersion, scenario: scenario.name, variant: variantName,
            size: size, pid: getpid(), allocator: probe.identity, peakMethod: recorder.peakMethod,
            peakMethodNote: recorder.peakResetFailure.map { "peaks are sampled every \(interval) ms: \($0)" },
            baseline: baseline, phases: recorder.phases,
            series: RssSeries(requestedIntervalMs: sampler.requestedIntervalMs,
                              effectiveIntervalMs: sampler.effectiveIntervalMs,
                              samples: sampler.samples(), maxPoints: 2_000),
            checks: context.checks, maximumSize: maximumSize, wallSecondsAfterBaseline: wallSecondsAfterBaseline)
        try emit(record, arguments)
    }

    static func emit<T: Encodable>(_ value: T, _ arguments: WorkerArguments) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(value)
        data.append(0x0A)
        let fd = Int32(arguments.options["result-fd"] ?? "1") ?? 1
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WorkerFailure.environment("cannot write the result to fd \(fd)")
                }
                offset += n
            }
        }
    }
}
