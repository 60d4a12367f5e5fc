#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import BenchModel
import Suite

/// Runs a foreign command (`bench exec`) for one plan entry: the configuration's environment on
/// top of the caller's, output to a log per run, RSS of the process tree sampled from outside,
/// phase markers on fd 3, the allocator proved from /proc/PID/maps, and the exact peak from
/// wait4. Builds a `RunResult` with a synthesised `WorkerRecord`, so reports treat it like a
/// built-in scenario. Whatever was measured is kept, also when the run fails.
public struct CommandExecutor: RunExecutor {
    public struct Options: Sendable {
        /// The command and its arguments; `{variant}` in any of them is replaced by the variant.
        public var command: [String]
        public var intervalMs: Double = 5
        public var timeoutSeconds: Double = 600
        /// Pass the command's stdout and stderr through instead of writing a log per run.
        public var showOutput = false
        /// The caller's environment, which the command inherits (minus allocator variables).
        public var callerEnvironment: [String: String]
        /// bench-exec-launcher, which starts the command so that wait4's peak is its own; nil
        /// (or missing) spawns the command directly, and then wait4's figure is trusted only
        /// above bench's own high-water mark (see the launcher's main.c).
        public var launcher: String?
        /// RSS cap of the command's process tree (the sum over its processes); past it the tree is
        /// killed and the run recorded as OOM. nil: no cap.
        public var memoryCapBytes: Int?
        /// The probe library (`ExecProbeLibrary`) preloaded into every process of the command to
        /// prove its allocator from inside; nil proves it from /proc/PID/maps only.
        public var probeLibrary: String?
        /// `--duration`, `--ready`, `--load`, `--measure` (nil: a batch command, measured as a tree).
        public var service: ExecService?
        /// The allocation counter (`CountingLibrary`), preloaded first for counted configurations.
        public var countingLibrary: String?

        public init(command: [String], callerEnvironment: [String: String]) {
            self.command = command
            self.callerEnvironment = callerEnvironment
        }
    }

    public static let variantPlaceholder = "{variant}"
    /// How long a command may take to end after Ctrl-C or SIGTERM was forwarded to it before it
    /// and its tree are killed (SIGKILL).
    public static let interruptGraceSeconds = 1.0
    public static let linkedSkipReason = "jemalloc-linked applies only to MemoryBench's own worker (a binary linked with -ljemalloc); a foreign command cannot be relinked, so it is skipped (jemalloc-preload measures jemalloc for it)"

    public let options: Options
    /// MemoryBench's workers: where they are built, each configuration's preflight also proves
    /// it and gives the allocator versions for the report.
    public let workers: WorkerSet

    public init(options: Options, workers: WorkerSet = WorkerSet()) {
        self.options = options
        var workers = workers
        // Counted configurations' preflight needs the counter too.
        workers.countingLibrary = workers.countingLibrary ?? options.countingLibrary
        self.workers = workers
    }

    public func preflight(_ configuration: AllocatorConfiguration) -> AllocatorPreflight {
        if configuration.worker == .jemallocLinked {
            return .unavailable(configuration, reason: Self.linkedSkipReason, contendingThreads: 0)
        }
        if fileExists(workers.path(for: configuration)) {
            return AllocatorPreflight.run(configuration, workers: workers)
        }
        if let missing = workers.missingLibrary(of: configuration) {
            return .unavailable(configuration, reason: missing, contendingThreads: 0)
        }
        let preflight = AllocatorPreflight(configuration: configuration, outcome: .verified, reason: nil, identity: nil,
                                           contendingThreads: 0, arenasUnderContention: nil, proof: "proved in every run from /proc/PID/maps")
        return preflight
    }

    /// A foreign command brings its own inputs.
    public func prepare(scenario: String, size: Int) -> String? { nil }

    /// The command for a variant.
    public func command(for variant: String) -> [String] {
        options.command.map { $0.replacingOccurrences(of: Self.variantPlaceholder, with: variant) }
    }

    public func run(_ entry: RunPlan.Entry, index: Int, folder: String) -> RunResult {
        var result = RunResult.unrun(entry, index: index, status: .failed, reason: nil)
        result.limits = options.memoryCapBytes.map {
            RunLimits(memoryCapBytes: $0, dataLimitBytes: nil, timeoutSeconds: options.timeoutSeconds)
        }
        let setup = ExecRunSetup(command: command(for: entry.variant))
        defer { setup.cleanUp() }
        func failed(_ reason: String) -> RunResult {
            result.environment = setup.environment?.set ?? [:]
            result.reason = reason
            result.exec = setup.facts
            return result
        }
        do {
            try setup.prepare(entry, index: index, options: options, folder: folder)
        } catch {
            return failed(error.reason)
        }
        result.environment = setup.environment?.set ?? [:]
        let launcher = options.launcher.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
        setup.noteLauncher(launcher)
        let observation = ExecObservation(configuration: entry.allocator, intervalSeconds: options.intervalMs / 1000,
                                          viaLauncher: launcher != nil)
        observation.measure = options.service?.measure ?? .tree
        observation.readyPhase = options.service?.readyPhase
        observation.acknowledgementDescriptor = setup.acknowledgementWrite
        observation.countFolder = setup.countFolder
        if options.service?.durationSeconds != nil, let folder = setup.proofFolder { observation.probeRequests = ProbeRequests(folder: folder) }
        // The cap applies to the RSS of the command's whole tree, watched from outside at every
        // sample (no kernel data limit: a foreign command's address space is its own business).
        let watch = RunWatch(capBytes: options.memoryCapBytes)
        observation.watch = watch
        let controller = makeServiceController(folder: folder, logPath: setup.facts.logPath, launcher: launcher)
        let child = child(setup, launcher: launcher, observation: observation, controller: controller)
        let oomKillsBefore = OOMKillCounter.read()
        // Spawned directly, the child's ru_maxrss is at least bench's own high-water mark.
        let spawnFloor = readWholeFile("/proc/self/status").flatMap(ProcStatus.parse)?.hwmBytes ?? 0
        let outcome: ChildProcess.Outcome
        do {
            outcome = try child.run()
        } catch {
            return failed("\(error)")
        }
        var facts = setup.facts
        let collected = collect(outcome, observation: observation, launcher: launcher, spawnFloor: spawnFloor,
                                proofFolder: setup.proofFolder, entry: entry, into: &result, facts: &facts)
        let service = controller?.verdict(outcome, escalated: observation.escalated)
        if let controller { facts.service = controller.finishedFacts(observation) }
        let judgement = ExecJudgement(
            outcome: outcome, watch: watch, timeoutSeconds: options.timeoutSeconds,
            service: service, measured: result.record != nil, exactPeakBytes: collected.exactPeak,
            commandUncounted: collected.counted.map { counts in observation.pid != 0 && !counts.contains { $0.pid == observation.pid } } ?? false,
            allocatorName: entry.allocator.name, proof: observation.proof.judged(ranSeconds: outcome.wallSeconds, executable: setup.executable),
            killEvidence: ExecJudgement.oomKillEvidence(before: oomKillsBefore, observation: observation))
        let verdict = judgement.verdict()
        if verdict != .interrupted, let killed = outcome.killedReason {
            facts.note = [facts.note, killed].compactMap { $0 }.joined(separator: "; ")
        }
        result.exec = facts
        result.apply(verdict)
        return result
    }

    /// The command's process started through the launcher (when there is one): its output to
    /// the log (or through), its markers to the observation, its tree watched every sample, and
    /// stopped (its whole tree) when the suite is interrupted or the service's time is up.
    func child(_ setup: ExecRunSetup, launcher: String?, observation: ExecObservation, controller: ServiceController?) -> ChildProcess {
        let argv = setup.facts.command
        var child = ChildProcess(executable: launcher ?? setup.executable,
                                 arguments: launcher != nil ? [setup.executable] + argv : Array(argv.dropFirst()),
                                 environment: setup.environment?.environment ?? [:], timeoutSeconds: options.timeoutSeconds)
        child.tickIntervalMs = max(1, Int(options.intervalMs.rounded()))
        // Ticks follow the sampling's back-off, but at least every 100 ms: readiness, the end of
        // the window and a dying load are seen within that.
        let requested = options.intervalMs / 1000
        child.tickSchedule = { elapsed in
            max(1, Int((min(0.1, SamplingSchedule.intervalSeconds(requested: requested, elapsedSeconds: elapsed)) * 1000).rounded()))
        }
        child.inheritedDescriptors = [PhaseMarkers.acknowledgementDescriptor: setup.acknowledgementRead]
        let showOutput = options.showOutput
        let log = setup.log
        child.onData = { stream, data in
            if stream == 2 {
                observation.markerData(data)
                observation.applyMarkers()
            } else if showOutput {
                (stream == 0 ? FileHandle.standardOutput : FileHandle.standardError).write(data)
            } else {
                data.withUnsafeBytes { _ = write(log, $0.baseAddress, $0.count) }
            }
        }
        // An interrupted suite stops the command: the signal goes to its process group and to
        // every process of its tree, and SIGKILL follows after the grace.
        child.onTick = { pid, elapsed in
            if let signal = Interruption.signal {
                observation.signalTree(of: pid, signal)
                return .stop(reason: RunWatch.interruptedReason, signal: signal, graceSeconds: Self.interruptGraceSeconds)
            }
            let action = observation.tick(pid: pid, elapsed: elapsed)
            if case .keepRunning = action, let stop = controller?.tick(pid: pid, elapsed: elapsed, observation: observation) { return stop }
            return action
        }
        child.onEscalation = { pid in
            observation.escalated = true
            observation.signalTree(of: pid, SIGKILL)
        }
        return child
    }

    /// What the run measured, once the command ended: its exact peak (the launcher's wait4, or
    /// this process's when it is above bench's own high-water mark), the probe's proof, the
    /// counts, the record and the facts. Returns the exact peak and the counts (counted runs).
    func collect(_ outcome: ChildProcess.Outcome, observation: ExecObservation, launcher: String?, spawnFloor: Int,
                 proofFolder: String?, entry: RunPlan.Entry, into result: inout RunResult,
                 facts: inout ExecFacts) -> (exactPeak: Int?, counted: [ProcessAllocationCounts]?) {
        let tail = outcome.stderrTail()
        result.stderrTail = tail.isEmpty ? nil : tail
        var exactPeak: Int?
        if launcher != nil {
            exactPeak = observation.markers.launcherReport?.maxRSSBytes
        } else if outcome.maxRSSBytes > spawnFloor {
            exactPeak = outcome.maxRSSBytes
        } else {
            facts.note = "wait4's ru_maxrss (\(mebibytes(Double(outcome.maxRSSBytes)))) is bench's own high-water mark, inherited through posix_spawn, not the command's: its last phase's peak is the last VmHWM read"
        }
        observation.checkAcknowledgement()
        if let proofFolder {
            let root = observation.markers.launcherReport?.pid ?? (observation.pid != 0 ? observation.pid : nil)
            observation.proof.observeInside(ProbeReport.readAll(in: proofFolder), root: root, launcher: launcher)
        }
        let counted = observation.countFolder?.read()
        let exitRecord = proofFolder.flatMap { folder in observation.pid != 0 ? ProbeEndRecord.read(in: folder, pid: observation.pid) : nil }
        observation.finish(seconds: outcome.wallSeconds, maxRSSBytes: exactPeak, allocationTotals: counted?.treeTotal, exitRecord: exitRecord)
        result.process = RunResult.ProcessFacts(wallSeconds: outcome.wallSeconds,
                                                maxRSSBytes: exactPeak ?? observation.recorder.phases.map(\.peakBytes).max() ?? 0,
                                                termination: outcome.terminationDescription)
        observation.fill(&facts)
        if let counted { ExecCountFolder.describe(counted, into: &facts) }
        result.record = observation.record(entry: entry, intervalMs: options.intervalMs)
        switch outcome.termination {
        case .exited(let code): facts.exitCode = code
        case .signaled(let signal): facts.signal = signal
        }
        return (exactPeak, counted)
    }

    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }
}
