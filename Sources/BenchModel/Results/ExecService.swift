/// How `bench exec` runs a long-running service: for a fixed time, ended with SIGTERM as the
/// normal end of the run, optionally waiting until it is ready and loading it meanwhile.
public struct ExecService: Codable, Sendable, Equatable {
    /// Which figure stands for a process tree (a forking server's master and workers).
    public enum Measure: String, Codable, Sendable, CaseIterable {
        /// The sum of RSS over the command and all its descendants at each sample.
        case tree
        /// The single process with the largest RSS at each sample.
        case largest
    }

    /// How long the measured window lasts, from when the service is ready (nil: the command
    /// runs until it exits, as for a batch job).
    public var durationSeconds: Double?
    /// A shell command polled until it exits 0: the service is ready then.
    public var readyCommand: String?
    /// A phase marker (`phase NAME`) the service writes when it is ready.
    public var readyPhase: String?
    /// How long bench waits for readiness before the run fails.
    public var readyTimeoutSeconds: Double
    /// A shell command run alongside once the service is ready (not measured).
    public var loadCommand: String?
    /// How long the service may take to exit after SIGTERM before it is killed (SIGKILL).
    public var graceSeconds: Double
    public var measure: Measure

    public static let defaultReadyTimeoutSeconds = 30.0
    public static let defaultGraceSeconds = 5.0

    public init(durationSeconds: Double? = nil, readyCommand: String? = nil, readyPhase: String? = nil,
                readyTimeoutSeconds: Double = defaultReadyTimeoutSeconds, loadCommand: String? = nil,
                graceSeconds: Double = defaultGraceSeconds, measure: Measure = .tree) {
        self.durationSeconds = durationSeconds
        self.readyCommand = readyCommand
        self.readyPhase = readyPhase
        self.readyTimeoutSeconds = readyTimeoutSeconds
        self.loadCommand = loadCommand
        self.graceSeconds = graceSeconds
        self.measure = measure
    }

    /// The phase bench starts when a `--ready` command first succeeds: the measured window.
    public static let servePhase = "serve"
    /// The phase bench starts when it sends SIGTERM at the end of the duration.
    public static let shutdownPhase = "shutdown"
}

/// What happened in one service run, for report.json and the report's service section.
public struct ExecServiceFacts: Codable, Sendable, Equatable {
    public var measure: ExecService.Measure
    public var durationSeconds: Double?
    /// Seconds from the start until the service was ready (nil: never, or no readiness asked).
    public var readySeconds: Double?
    /// How readiness was seen: "ready command" or "phase marker NAME".
    public var readyBy: String?
    public var readyPolls: Int?
    /// "SIGTERM after the duration", "SIGKILL: still running 5 s after SIGTERM", "exited by itself".
    public var ending: String?
    public var killedAfterGrace: Bool
    public var loadCommand: String?
    public var loadExitCode: Int32?
    public var loadSignal: Int32?
    public var loadWallSeconds: Double?
    /// True when the load was still running at the end and was stopped by bench.
    public var loadStopped: Bool?
    public var loadLogPath: String?
    /// Peaks of the measured window (from readiness to SIGTERM), both ways, whatever --measure chose.
    public var windowTreePeakBytes: Int?
    public var windowLargestProcessPeakBytes: Int?
    /// The measured window on the series' time axis (seconds since the command started): from
    /// readiness to the SIGTERM at the end of the duration (or to the command's end).
    public var windowStartSeconds: Double?
    public var windowEndSeconds: Double?
    /// Requests the load served, from the count it wrote to $MEMORYBENCH_LOAD_COUNT_FILE or
    /// its summary (wrk, hey, ab), and per second of the window; `requestsSource` says which.
    public var requests: Int?
    public var requestsPerSecond: Double?
    /// "count file", "wrk summary", "hey summary" or "ab summary".
    public var requestsSource: String?

    public init(measure: ExecService.Measure, durationSeconds: Double?) {
        self.measure = measure
        self.durationSeconds = durationSeconds
        killedAfterGrace = false
    }
}
