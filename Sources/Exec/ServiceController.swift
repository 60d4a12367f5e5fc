#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import BenchModel
import Suite

/// Runs one `bench exec --duration` run's service side: waits for readiness (`--ready` polled,
/// or the `--ready-phase` marker), then starts `--load` and the measured window, and at the end
/// of the duration sends SIGTERM, the run's normal end. Ticks with the command's sampling.
final class ServiceController {
    static let durationReason = "the duration ended (SIGTERM, the normal end of a service run)"
    static let notReadyReason = "the service was not ready in time"
    static let loadDiedReason = "the load ended abnormally during the window"
    /// How long the load has between SIGINT and SIGTERM at the end of the window: wrk, hey and
    /// ab print their summary on SIGINT (killed by SIGTERM first, wrk prints nothing), and a load
    /// script gets the time to write its count. The service gets its SIGTERM at once, not after
    /// this: a busy service starves the load of CPU (a 40-thread Hummingbird on 2 cores kept wrk
    /// from printing for over 3 s), and a load whose service is gone ends quickly.
    static let loadInterruptGraceSeconds = 5.0

    let service: ExecService
    let environment: [String: String]
    let loadLog: Int32
    /// Where the load may write its request count ($MEMORYBENCH_LOAD_COUNT_FILE).
    let loadCountPath: String?
    let launcher: String?
    var facts: ExecServiceFacts
    let poller: ReadinessPoller?
    var load: ServiceShellCommand?
    var loadFailure: String?
    /// Elapsed seconds of ChildProcess's clock when the service was ready.
    var readyAt: Double?
    var stopping = false
    /// The load's log, to read its summary from (nil with --show-output).
    var loadLogFullPath: String?

    /// - environment: the caller's environment without allocator variables: the helpers run
    ///   on the default allocator, whatever the service runs on.
    init(service: ExecService, environment: [String: String], loadLog: Int32, loadLogPath: String?,
         loadCountPath: String? = nil, launcher: String? = nil) {
        self.service = service
        self.environment = environment
        self.loadLog = loadLog
        self.loadCountPath = loadCountPath
        self.launcher = launcher
        facts = ExecServiceFacts(measure: service.measure, durationSeconds: service.durationSeconds)
        facts.loadCommand = service.loadCommand
        facts.loadLogPath = service.loadCommand == nil ? nil : loadLogPath
        if let ready = service.readyCommand {
            let poller = ReadinessPoller()
            poller.start(ready, environment: environment, timeoutSeconds: service.readyTimeoutSeconds)
            self.poller = poller
        } else {
            poller = nil
        }
    }

    /// After the command's own tick: what to do with the command now (nil: keep running).
    func tick(pid: pid_t, elapsed: Double, observation: ExecObservation) -> ChildProcess.TickAction? {
        guard !stopping else { return nil }
        if readyAt == nil {
            if let poller {
                // The window starts at bench's `serve` marker, once the command is being sampled.
                if poller.ready != nil, observation.injectMarker(ExecService.servePhase) {
                    becomeReady(at: elapsed, by: "ready command", observation: observation)
                }
            } else if let phase = service.readyPhase {
                if let seen = observation.readyMarkerSeconds { becomeReady(at: seen, by: "phase marker \(phase)", observation: observation) }
            } else if observation.sampler != nil {
                becomeReady(at: elapsed, by: nil, observation: observation)
            }
            if readyAt == nil && elapsed > service.readyTimeoutSeconds {
                stopping = true
                poller?.cancel()
                observation.signalTree(of: pid, SIGTERM)
                return .stop(reason: Self.notReadyReason, signal: SIGTERM, graceSeconds: service.graceSeconds)
            }
        }
        // Reaped as soon as it ends, so its wall time and exit are its own.
        let loadRunning = load?.isRunning ?? false
        if let readyAt {
            observation.windowOpen = true
            let durationEnded = service.durationSeconds.map { elapsed - readyAt >= $0 } ?? false
            // A load that died mid-window leaves an idle service: the window ends there, failed.
            let loadDied = !loadRunning && load.map { $0.ending.exitCode != 0 } == true
            if durationEnded || loadDied {
                stopping = true
                observation.windowOpen = false
                facts.windowEndSeconds = elapsed
                _ = observation.injectMarker(ExecService.shutdownPhase)
                load?.interrupt()  // waited for once the service ended (`verdict`)
                observation.signalTree(of: pid, SIGTERM)
                return .stop(reason: durationEnded ? Self.durationReason : Self.loadDiedReason, signal: SIGTERM,
                             graceSeconds: service.graceSeconds)
            }
        }
        return nil
    }

    func becomeReady(at seconds: Double, by how: String?, observation: ExecObservation) {
        readyAt = seconds
        facts.windowStartSeconds = seconds
        facts.readySeconds = how == nil ? nil : seconds
        facts.readyBy = how
        facts.readyPolls = poller?.summary.polls
        guard let command = service.loadCommand else { return }
        var environment = environment
        if let loadCountPath {
            try? FileManager.default.removeItem(atPath: loadCountPath)
            environment[LoadSummary.countFileVariable] = loadCountPath
        }
        let load = ServiceShellCommand(command, environment: environment, output: loadLog, launcher: launcher)
        do {
            try load.start()
            self.load = load
        } catch {
            loadFailure = "the load command could not be started: \(error)"
        }
    }

    func stopLoad() {
        guard let load, load.isRunning else { return }
        load.stop(interruptFirst: Self.loadInterruptGraceSeconds)
    }

    /// The run's verdict once the command ended: nil when it ended as a service run should
    /// (SIGTERM at the end of the duration, or killed after the grace), else why it failed.
    /// `handled` is false when the ending is for the ordinary classifier (no duration ended it).
    func verdict(_ outcome: ChildProcess.Outcome, escalated: Bool) -> (handled: Bool, failure: String?) {
        poller?.cancel()
        stopLoad()
        if loadLog >= 0 { close(loadLog) }
        if let start = facts.windowStartSeconds, facts.windowEndSeconds == nil {
            facts.windowEndSeconds = max(start, outcome.wallSeconds)  // the service ended the window itself
        }
        noteRequests()
        if loadLogFullPath == nil, let loadCountPath { try? FileManager.default.removeItem(atPath: loadCountPath) }
        if let load {
            let ending = load.ending
            facts.loadExitCode = ending.exitCode
            facts.loadSignal = ending.signal
            facts.loadWallSeconds = load.wallSeconds
            facts.loadStopped = load.wasStopped
            if !load.wasStopped, let code = ending.exitCode, code != 0 {
                loadFailure = "the load command exited with status \(code) (see \(facts.loadLogPath ?? "its output"))"
            } else if !load.wasStopped, let signal = ending.signal {
                loadFailure = "the load command was killed by signal \(signal)"
            }
        }
        facts.killedAfterGrace = escalated
        switch outcome.killedReason {
        case Self.notReadyReason?:
            let last = poller?.summary
            facts.ending = "not ready; SIGTERM"
            var why = "the service was not ready within \(formatted(service.readyTimeoutSeconds))"
            if let last { why += ": --ready was tried \(last.polls) time(s) and last \(last.lastExit ?? "never ended")" }
            if let phase = service.readyPhase { why += ": it never wrote `phase \(phase)`" }
            return (true, why)
        case Self.loadDiedReason?:
            let window = (facts.windowEndSeconds ?? 0) - (facts.windowStartSeconds ?? 0)
            facts.ending = "the load ended after \(String(format: "%.1f", window)) s of the window; SIGTERM; ended: \(outcome.terminationDescription)"
            return (true, "\(loadFailure ?? "the load command failed"), \(String(format: "%.1f", window)) s into the \(formatted(service.durationSeconds ?? 0)) window; the window ended there")
        case Self.durationReason?:
            let grace = formatted(service.graceSeconds)
            switch outcome.termination {
            case .signaled(SIGTERM), .exited(0), .exited(128 + SIGTERM):
                facts.ending = "SIGTERM after \(formatted(service.durationSeconds ?? 0)); ended: \(outcome.terminationDescription)"
            case .signaled(SIGKILL) where escalated:
                facts.ending = "SIGTERM after \(formatted(service.durationSeconds ?? 0)); still running \(grace) later, killed (SIGKILL)"
            default:
                facts.ending = "SIGTERM after \(formatted(service.durationSeconds ?? 0)); \(outcome.terminationDescription)"
                return (true, "after SIGTERM at the end of the duration the command ended with \(outcome.terminationDescription)")
            }
            return (true, loadFailure)
        default:
            facts.ending = "ended by itself after \(String(format: "%.2f", outcome.wallSeconds)) s (\(outcome.terminationDescription))"
            if outcome.killedReason == nil, outcome.timedOut == false, case .exited(0) = outcome.termination, service.durationSeconds != nil {
                return (true, "the command exited by itself \(String(format: "%.2f", outcome.wallSeconds)) s after it started, before the --duration window ended (a service run expects it to keep running until SIGTERM)")
            }
            return (false, loadFailure)
        }
    }

    func formatted(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}

extension ServiceController {
    /// The requests the load got answered, once it ended: its count file, else the summary in
    /// its log; per second of the measured window.
    func noteRequests() {
        guard load != nil else { return }
        let counted = loadCountPath.flatMap(readWholeFile).flatMap(LoadSummary.fromCountFile)
        let logged = loadLogFullPath.flatMap(readWholeFile).flatMap(LoadSummary.fromLog)
        guard let summary = counted ?? logged else { return }
        facts.requests = summary.requests
        facts.requestsSource = summary.source
        if let start = facts.windowStartSeconds, let end = facts.windowEndSeconds, end > start {
            facts.requestsPerSecond = Double(summary.requests) / (end - start)
        }
    }

    /// The facts with the measured window's peaks, once the command ended.
    func finishedFacts(_ observation: ExecObservation) -> ExecServiceFacts {
        var facts = self.facts
        facts.windowTreePeakBytes = observation.windowTreePeakBytes
        facts.windowLargestProcessPeakBytes = observation.windowLargestPeakBytes
        return facts
    }
}

extension CommandExecutor {
    /// The controller of a `--duration` run (nil for a batch command); its helpers get the
    /// caller's environment without allocator variables, and the load's output its own log.
    func makeServiceController(folder: String, logPath: String?, launcher: String?) -> ServiceController? {
        guard let service = options.service, service.durationSeconds != nil else { return nil }
        let environment = options.callerEnvironment.filter { !ExecEnvironment.isAllocatorVariable($0.key) }
        var loadLog: Int32 = -1
        var loadLogPath: String?
        var countPath: String?
        if service.loadCommand != nil {
            if options.showOutput {
                loadLog = dup(2)
            } else if let logPath {
                let relative = (logPath as NSString).deletingPathExtension + "-load.log"
                loadLog = open("\(folder)/\(relative)", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                if loadLog >= 0 { loadLogPath = relative }
                countPath = "\(folder)/\((logPath as NSString).deletingPathExtension)-load.count"
            }
            if loadLog >= 0 { _ = fcntl(loadLog, F_SETFD, FD_CLOEXEC) }
        }
        let controller = ServiceController(service: service, environment: environment, loadLog: loadLog, loadLogPath: loadLogPath,
                                           loadCountPath: countPath ?? Self.temporaryCountPath(), launcher: launcher)
        controller.loadLogFullPath = loadLogPath.map { "\(folder)/\($0)" }
        return controller
    }

    /// Where a load writes its count when the run has no log folder (--show-output).
    static func temporaryCountPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-load-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).count").path
    }
}
