import ArgumentParser
import Foundation
import Harness
import Reporting
import Scenarios

/// Options shared by `run` and `all`.
struct SuiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Allocator configurations, comma-separated (see `bench list`); 'default' for the seven defaults, 'every' for all built-in ones.",
        valueName: "names"))
    var allocators: String = "default"

    @Option(name: .customLong("custom-allocator"), help: ArgumentHelp(
        "Add a configuration: 'NAME preload=PATH' or 'NAME base=CONFIG KEY=VALUE…', e.g. 'je-nodecay base=jemalloc-preload MALLOC_CONF=dirty_decay_ms:0'. Repeatable; it is added to --allocators.",
        valueName: "spec"))
    var customAllocators: [String] = []

    @Option(name: .long, help: "Runs per cell, interleaved across cells (1–100).")
    var runs: Int = 3

    @Option(name: .customLong("interval-ms"), help: "RSS sampling interval inside the worker, in milliseconds.")
    var intervalMs: Double = 1

    @Option(name: .long, help: "Seconds a single run may take before it is killed and recorded as failed.")
    var timeout: Double = 600

    @Option(name: .long, help: ArgumentHelp("Folder for reports (a run folder per suite is made inside).", valueName: "dir"))
    var out: String = "Reports"

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Folder for cached inputs (SQLite databases per size).", valueName: "dir"))
    var cacheDirectory: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "ProgressReporter on stderr (default: only when stderr is a terminal).")
    var progress: Bool?

    @Flag(name: .shortAndLong, help: "No progress, only the final summary.")
    var quiet = false

    func validate() throws {
        guard (1...100).contains(runs) else { throw ValidationError("--runs must be between 1 and 100, not \(runs)") }
        guard intervalMs >= 0.05 && intervalMs <= 10_000 else { throw ValidationError("--interval-ms must be between 0.05 and 10000") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        _ = try resolvedAllocators()
    }

    /// The configurations to run, in order, with the custom ones appended.
    func resolvedAllocators() throws -> [AllocatorConfiguration] {
        let builtIn = AllocatorConfiguration.builtIn()
        var customs: [AllocatorConfiguration] = []
        for spec in customAllocators {
            do {
                let custom = try CustomAllocatorSpec.parse(spec, builtIn: builtIn)
                guard !customs.contains(where: { $0.name == custom.name }) else {
                    throw ValidationError("--custom-allocator names '\(custom.name)' twice")
                }
                customs.append(custom)
            } catch let invalid as CustomAllocatorSpec.Invalid {
                throw ValidationError(invalid.description)
            }
        }
        var chosen: [AllocatorConfiguration] = []
        for name in allocators.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            let names: [String]
            switch name {
            case "default": names = AllocatorConfiguration.defaultNames
            case "every": names = builtIn.map(\.name)
            default: names = [name]
            }
            for name in names {
                guard let configuration = builtIn.first(where: { $0.name == name }) ?? customs.first(where: { $0.name == name }) else {
                    throw ValidationError("unknown allocator configuration '\(name)'; known: \(builtIn.map(\.name).joined(separator: ", "))")
                }
                if !chosen.contains(configuration) { chosen.append(configuration) }
            }
        }
        for custom in customs where !chosen.contains(custom) { chosen.append(custom) }
        guard !chosen.isEmpty else { throw ValidationError("--allocators names no configuration") }
        return chosen
    }

    var defaultCacheDirectory: String { Self.cacheDirectory(cacheDirectory) }

    /// The cache folder: the one given, else $XDG_CACHE_HOME/memorybench or ~/.cache/memorybench.
    static func cacheDirectory(_ given: String?) -> String {
        if let given { return given }
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return "\(xdg)/memorybench" }
        return "\(environment["HOME"] ?? NSTemporaryDirectory())/.cache/memorybench"
    }

    /// Runs the selections and prints where the report is; exits 1 when a run failed.
    func runSuite(_ selections: [RunPlan.Selection]) throws {
        var runnerOptions = Runner.Options(cacheDirectory: URL(fileURLWithPath: defaultCacheDirectory).standardizedFileURL.path)
        runnerOptions.intervalMs = intervalMs
        runnerOptions.timeoutSeconds = timeout
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        let session = SuiteSession(
            selections: selections, allocators: try resolvedAllocators(), runs: runs, runnerOptions: runnerOptions,
            reportsDirectory: URL(fileURLWithPath: out).standardizedFileURL,
            commandLine: CommandLine.arguments.map(shellQuoted).joined(separator: " "),
            buildConfiguration: build, workers: WorkerSet(),
            progress: ProgressReporter.automatic(forced: progress, quiet: quiet))
        let outcome = try session.run()
        print("Report: \(outcome.directory.appendingPathComponent("report.md").path)")
        for finding in outcome.report.findings.prefix(6) {
            print("- \(finding.beyondNoise ? "" : "(noise) ")\(finding.text)")
        }
        let noisy = NoiseWarnings.derive(from: outcome.report)
        if !noisy.isEmpty {
            print("Warning: \(noisy.count) figure(s) vary by more than \(Int(NoiseWarnings.thresholdPercent)) % across runs; see the report's Noise section.")
        }
        if outcome.failedRuns > 0 {
            FileHandle.standardError.write(Data("bench: \(outcome.failedRuns) run(s) failed; see the report's \"Failed and skipped runs\"\n".utf8))
            throw ExitCode(1)
        }
    }
}

func shellQuoted(_ word: String) -> String {
    let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:@%+".contains($0) }
    return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// "200000", "200_000", "200k", "1M" → a positive count.
struct Count: ExpressibleByArgument {
    var value: Int

    init?(argument: String) {
        var text = argument.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        var multiplier = 1
        if let last = text.last, "kKmM".contains(last) {
            multiplier = "kK".contains(last) ? 1_000 : 1_000_000
            text.removeLast()
        }
        guard let number = Int(text), number > 0, number <= 100_000_000 / multiplier else { return nil }
        value = number * multiplier
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
