/// What the harness asks a worker to do: the one type both sides use, so the worker's command
/// line is written in `arguments` and read in `init(arguments:)` and nowhere else (as
/// package-benchmark's `BenchmarkCommandRequest`). `WorkerRecord` is the answer to `run`.
///
/// Command lines rather than JSON on a pipe, so that a worker can also be run by hand:
/// `bench-worker run --scenario caches --variant lru --size 1000 --cache /tmp/c --scratch /tmp/s`.
public enum WorkerRequest: Equatable, Sendable {
    /// One measured run of a scenario variant; the record goes to `resultDescriptor`.
    case run(Run)
    /// Create the cached input of a scenario at a size (a database file), unmeasured.
    case prepare(scenario: String, size: Int, cacheDirectory: String)
    /// Which allocator serves malloc here (the preflight), after `contendingThreads` threads
    /// allocated at once (glibc's arena count under contention).
    case identify(contendingThreads: Int)
    /// The worker's scenarios, variants, phases and declarations, as JSON on stdout.
    case catalog

    public struct Run: Equatable, Sendable {
        public var scenario: String
        public var variant: String
        public var size: Int
        public var cacheDirectory: String
        public var scratchDirectory: String
        public var intervalMs: Double
        /// RLIMIT_DATA the worker sets on itself (the memory cap's backstop); nil: none.
        public var dataLimitBytes: Int?
        public var parameters: [String: String]
        /// The descriptor the record is written to (3, opened by the harness); nil: stdout.
        public var resultDescriptor: Int32? = 3
        /// Announce each phase's start and end on stderr, for the runner's memory-cap messages.
        public var announcesPhases = true
        /// False only to measure what the sampler costs (calibration).
        public var sampling = true
        /// Tests only: a `clear_refs` path the kernel refuses stands for a kernel without the reset.
        public var clearRefsPath: String? = nil
        /// Profiling runs only (`--sites`): the folder jemalloc's heap profile is dumped to at
        /// the end of every phase; nil in every measured run.
        public var heapProfileDirectory: String? = nil

        public init(scenario: String, variant: String, size: Int, cacheDirectory: String, scratchDirectory: String,
                    intervalMs: Double = 1, dataLimitBytes: Int? = nil, parameters: [String: String] = [:]) {
            self.scenario = scenario
            self.variant = variant
            self.size = size
            self.cacheDirectory = cacheDirectory
            self.scratchDirectory = scratchDirectory
            self.intervalMs = intervalMs
            self.dataLimitBytes = dataLimitBytes
            self.parameters = parameters
        }
    }

    /// The worker's command line for this request.
    public var arguments: [String] {
        switch self {
        case .run(let run):
            var arguments = ["run", "--scenario", run.scenario, "--variant", run.variant, "--size", "\(run.size)",
                             "--cache", run.cacheDirectory, "--scratch", run.scratchDirectory, "--interval-ms", "\(run.intervalMs)"]
            if let fd = run.resultDescriptor { arguments += ["--result-fd", "\(fd)"] }
            if run.announcesPhases { arguments += ["--announce-phases", "yes"] }
            if !run.sampling { arguments += ["--sampler", "off"] }
            if let limit = run.dataLimitBytes { arguments += ["--data-limit", "\(limit)"] }
            if let path = run.clearRefsPath { arguments += ["--clear-refs", path] }
            if let folder = run.heapProfileDirectory { arguments += ["--heap-profile", folder] }
            for (key, value) in run.parameters.sorted(by: { $0.key < $1.key }) { arguments += ["--param", "\(key)=\(value)"] }
            return arguments
        case .prepare(let scenario, let size, let cache):
            return ["prepare", "--scenario", scenario, "--size", "\(size)", "--cache", cache]
        case .identify(let threads):
            return ["identify", "--contend-threads", "\(threads)", "--result-fd", "3"]
        case .catalog:
            return ["catalog"]
        }
    }

    /// A malformed command line: the worker exits 64 with this message.
    public struct Malformed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a worker command line (the inverse of `arguments`).
    public init(arguments: [String]) throws {
        guard let command = arguments.first else { throw Malformed(description: "missing command (run, prepare, identify, catalog)") }
        var options: [String: String] = [:]
        var parameters: [String: String] = [:]
        var index = 1
        while index < arguments.count {
            let key = arguments[index]
            guard key.hasPrefix("--"), index + 1 < arguments.count else {
                throw Malformed(description: "expected --key value, found \(key)")
            }
            let value = arguments[index + 1]
            if key == "--param" {
                guard let equals = value.firstIndex(of: "=") else { throw Malformed(description: "--param takes key=value, not \(value)") }
                parameters[String(value[..<equals])] = String(value[value.index(after: equals)...])
            } else {
                options[String(key.dropFirst(2))] = value
            }
            index += 2
        }
        func string(_ key: String) throws -> String {
            guard let value = options[key] else { throw Malformed(description: "missing --\(key)") }
            return value
        }
        func positive(_ key: String) throws -> Int {
            guard let value = Int(try string(key)), value > 0 else { throw Malformed(description: "--\(key) must be a positive integer") }
            return value
        }
        switch command {
        case "run":
            var run = Run(scenario: try string("scenario"), variant: try string("variant"), size: try positive("size"),
                          cacheDirectory: try string("cache"), scratchDirectory: try string("scratch"), parameters: parameters)
            if let text = options["interval-ms"] {
                guard let interval = Double(text), interval > 0 else { throw Malformed(description: "--interval-ms must be a positive number") }
                run.intervalMs = interval
            }
            if options["data-limit"] != nil { run.dataLimitBytes = try positive("data-limit") }
            run.resultDescriptor = try options["result-fd"].map { text in
                guard let fd = Int32(text), fd >= 0 else { throw Malformed(description: "--result-fd must be a descriptor number") }
                return fd
            }
            run.announcesPhases = options["announce-phases"] == "yes"
            run.sampling = options["sampler"] != "off"
            run.clearRefsPath = options["clear-refs"]
            run.heapProfileDirectory = options["heap-profile"]
            self = .run(run)
        case "prepare":
            self = .prepare(scenario: try string("scenario"), size: try positive("size"), cacheDirectory: try string("cache"))
        case "identify":
            self = .identify(contendingThreads: Int(options["contend-threads"] ?? "0") ?? 0)
        case "catalog":
            self = .catalog
        default:
            throw Malformed(description: "unknown command \(command)")
        }
    }
}
