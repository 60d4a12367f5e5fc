import ArgumentParser
import BenchModel

/// `bench exec`'s options for long-running services (see ExecService).
struct ServiceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Run the command this long from when it is ready (e.g. 60s, 2m, 500ms), then end it with SIGTERM: the normal end of the run, not a failure.",
        valueName: "time"))
    var duration: String?

    @Option(name: .long, help: ArgumentHelp(
        "A shell command polled (every 0.1 s) until it exits 0: the service is ready then, and the measured window (phase `serve`) starts. Needs --duration.",
        valueName: "command"))
    var ready: String?

    @Option(name: .customLong("ready-phase"), help: ArgumentHelp(
        "The service is ready when it writes `phase NAME` to $MEMORYBENCH_PHASE_FD (instead of --ready). Needs --duration.",
        valueName: "name"))
    var readyPhase: String?

    @Option(name: .customLong("ready-timeout"), help: ArgumentHelp("How long to wait for readiness before the run fails (default \(HelpText.number(ExecService.defaultReadyTimeoutSeconds))s).", valueName: "time"))
    var readyTimeout: String?

    @Option(name: .long, help: ArgumentHelp(
        "A shell command run alongside once the service is ready (a load generator; its memory is not counted, its exit status is reported; a non-zero exit fails the run). Stopped at the end of the duration. Needs --duration.",
        valueName: "command"))
    var load: String?

    @Option(name: .long, help: ArgumentHelp("How long the command may take to exit after SIGTERM before it is killed with SIGKILL (default \(HelpText.number(ExecService.defaultGraceSeconds))s).", valueName: "time"))
    var grace: String?

    @Option(name: .long, help: ArgumentHelp(
        "The figure for a command that runs as several processes: tree (the sum of RSS over the command and its descendants, the default) or largest (its largest process). Both are shown in the report.",
        valueName: "tree|largest"))
    var measure: String?

    func validate() throws {
        _ = try resolved()
    }

    /// The flags given.
    var given: [String] {
        [("--duration", duration), ("--ready", ready), ("--ready-phase", readyPhase), ("--ready-timeout", readyTimeout),
         ("--load", load), ("--grace", grace), ("--measure", measure)].filter { $0.1 != nil }.map(\.0)
    }

    /// The options as data; nil when none was given (a batch command measured as a tree).
    func resolved() throws -> ExecService? {
        guard duration != nil || ready != nil || readyPhase != nil || readyTimeout != nil || load != nil || grace != nil || measure != nil else { return nil }
        var service = ExecService()
        if let measure {
            guard let value = ExecService.Measure(rawValue: measure) else {
                throw ValidationError("--measure \(measure): give tree or largest")
            }
            service.measure = value
        }
        guard let duration else {
            for (flag, given) in [("--ready", ready != nil), ("--ready-phase", readyPhase != nil), ("--ready-timeout", readyTimeout != nil),
                                  ("--load", load != nil), ("--grace", grace != nil)] where given {
                throw ValidationError("\(flag) needs --duration (how long the service runs before SIGTERM), e.g. --duration 60s")
            }
            return service
        }
        service.durationSeconds = try Self.seconds(duration, flag: "--duration")
        guard ready == nil || readyPhase == nil else { throw ValidationError("give --ready or --ready-phase, not both") }
        if let ready, ready.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--ready needs a command, e.g. --ready 'curl -sf http://127.0.0.1:8080/'") }
        if let load, load.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--load needs a command") }
        if let readyPhase, readyPhase.isEmpty || readyPhase.contains(" ") { throw ValidationError("--ready-phase needs a phase name without spaces") }
        service.readyCommand = ready
        service.readyPhase = readyPhase
        service.loadCommand = load
        if let readyTimeout { service.readyTimeoutSeconds = try Self.seconds(readyTimeout, flag: "--ready-timeout") }
        if let grace { service.graceSeconds = try Self.seconds(grace, flag: "--grace") }
        return service
    }

    /// "60s", "2m", "500ms" or a plain number of seconds; positive.
    static func seconds(_ text: String, flag: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        var value: Double?
        for (suffix, scale) in [("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0)] where trimmed.hasSuffix(suffix) {
            value = Double(trimmed.dropLast(suffix.count)).map { $0 * scale }
            break
        }
        guard let seconds = value ?? Double(trimmed), seconds > 0, seconds.isFinite else {
            throw ValidationError("\(flag) \(text): give a positive time such as 10s, 2m or 500ms")
        }
        return seconds
    }
}
