
/// What `bench exec` knows about one run of a foreign command, beside the `WorkerRecord` it
/// synthesises from the same measurements (so reports treat it like a built-in scenario).
public struct ExecFacts: Codable, Sendable {
    /// The variable that names the descriptor a command writes `phase NAME` lines to.
    public static let phaseDescriptorVariable = "MEMORYBENCH_PHASE_FD"
    /// The command as run (after `{variant}` was substituted).
    public var command: [String]
    /// The executable it resolved to, when it did.
    public var executable: String?
    public var exitCode: Int32?
    public var signal: Int32?
    /// The command's stdout and stderr, relative to the run folder (nil with `--show-output`).
    public var logPath: String?
    /// Variables bench set on top of the caller's environment (the configuration's and the
    /// MEMORYBENCH_* ones), and the caller's allocator variables it removed first.
    public var environmentSet: [String: String]
    public var environmentRemoved: [String: String]
    /// The largest sum of VmRSS over the process and all its descendants at one sample
    /// (sampled; pages shared between processes count once per process).
    public var treePeakBytes: Int?
    /// The largest peak of any single process of the tree (VmHWM of each, read while it lived).
    public var largestProcessPeakBytes: Int?
    /// Which process that was, e.g. "4711 (python3)".
    public var largestProcess: String?
    public var processesSeen: Int
    /// Counted runs: the processes of the tree that wrote allocation counts (their sum is the
    /// run's per-phase counts), and the one that made the most mallocs, e.g. "4711 (python3): …".
    public var countedProcesses: Int?
    public var largestAllocatingProcess: String?
    /// Phase markers the command wrote (`phase NAME` lines).
    public var markers: Int
    /// Lines on the marker descriptor that were not `phase NAME`.
    public var ignoredMarkerLines: Int
    public var samples: Int
    /// How the allocator was (or could not be) proved from /proc/PID/maps.
    public var allocatorProof: String
    public var mapsReads: Int
    /// Anything else worth knowing (e.g. descendants that outlived the command were killed).
    public var note: String?
    /// `--duration` runs: readiness, ending, load and both tree figures (see ExecService).
    public var service: ExecServiceFacts?

    public init(command: [String]) {
        self.command = command
        environmentSet = [:]
        environmentRemoved = [:]
        processesSeen = 0
        markers = 0
        ignoredMarkerLines = 0
        samples = 0
        allocatorProof = "not checked"
        mapsReads = 0
    }
}
