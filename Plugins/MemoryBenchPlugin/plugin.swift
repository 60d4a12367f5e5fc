import Foundation
import PackagePlugin

/// `swift package memorybench VERB …`: builds the package's memory benchmarks (executable
/// targets under MemoryBenchmarks/, or depending on MemoryBenchWorker) in release, plain and
/// linked with jemalloc, and runs `bench VERB … --worker <build> --worker-jemalloc <linked build>`
/// for each, with reports in the package's Reports/ unless `--out` says otherwise.
///
///   memorybench all [--target NAME] [bench all options]
///   memorybench run SCENARIO [--target NAME] [options]      (likewise sweep)
///   memorybench list [--target NAME]
///   memorybench compare BASE HEAD | report RESULTS | baseline save|compare|check|list … | init NAME
///
/// The plugin declares no permission, so SwiftPM asks for none: `compare`, `list`, `baseline
/// compare|check|list` only read. SwiftPM sandboxes plugins on macOS only; there, the verbs
/// that write into the package (all, run, sweep, report, init, baseline save) need
/// `--allow-writing-to-package-directory` (SwiftPM lets the plugin write only with it).
@main
struct MemoryBenchPlugin: CommandPlugin {
    static let suiteVerbs: Set<String> = ["all", "run", "sweep", "list"]
    static let plainVerbs: Set<String> = ["compare", "report", "init", "baseline"]
    /// Verbs whose bench command takes `--package-path`: they work on the package's own files.
    static let packageVerbs: Set<String> = ["init", "baseline"]

    struct Failure: Error, CustomStringConvertible { var description: String }

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let chosen = extractor.extractOption(named: "target")
        let rest = extractor.remainingArguments
        guard let verb = rest.first, Self.suiteVerbs.contains(verb) || Self.plainVerbs.contains(verb) else {
            throw Failure(description: "usage: swift package memorybench all|run|sweep|list|compare|report|baseline|init [--target NAME] [bench options] (see bench --help)")
        }
        let bench = try context.tool(named: "bench").url
        let package = context.package.directoryURL
        if Self.plainVerbs.contains(verb) {
            // bench's own status is the plugin's (2: a regression at `baseline check`).
            do { try run(bench, rest + (Self.packageVerbs.contains(verb) ? ["--package-path", package.path] : []), in: package) }
            catch let failure as Exited { exit(failure.status) }
            return
        }
        var targets = Self.benchmarkTargets(in: context.package)
        if !chosen.isEmpty {
            for name in chosen where !targets.contains(where: { $0.name == name }) {
                throw Failure(description: "no memory benchmark target named \(name); found: \(targets.map(\.name).joined(separator: ", "))")
            }
            targets = targets.filter { chosen.contains($0.name) }
        }
        guard !targets.isEmpty else {
            throw Failure(description: "no memory benchmarks in \(package.path): add an executable target under MemoryBenchmarks/ (see `swift package memorybench init NAME`)")
        }
        var failed: [(target: String, status: Int32)] = []
        for target in targets {
            // The jemalloc-linked build first, kept aside: both builds write the same executable,
            // and the plain one must be what stays in .build/release. `list` builds it too, so
            // that it says what `all` would run.
            let jemallocWorker = try buildLinkedWithJemalloc(target, into: context.pluginWorkDirectoryURL)
            print("memorybench: building \(target.name) (release)")
            let built = try packageManager.build(.product(target.name), parameters: .init(configuration: .release, logging: .concise))
            guard built.succeeded, let executable = built.builtArtifacts.first(where: { $0.kind == .executable })?.url else {
                print(built.logText)
                throw Failure(description: "building \(target.name) failed")
            }
            var benchArguments = rest + ["--worker", executable.path]
            if let jemallocWorker { benchArguments += ["--worker-jemalloc", jemallocWorker.path] }
            if verb != "list" {
                if !rest.contains(where: { $0 == "--out" || $0.hasPrefix("--out=") }) {
                    benchArguments += ["--out", package.appendingPathComponent("Reports").path]
                }
                // The report's Reproduce line: what the user typed, not this plugin's bench-tool path.
                benchArguments += ["--invoked-as", Self.invocation(rest, target: targets.count > 1 ? target.name : nil)]
            }
            print("memorybench: bench \(benchArguments.joined(separator: " "))")
            do { try run(bench, benchArguments, in: package) } catch let failure as Exited { failed.append((target.name, failure.status)) }
        }
        if let first = failed.first {
            // bench has said why; the worst status is the plugin's (2: a budget exceeded).
            let statuses = failed.map { "\($0.target): status \($0.status)" }.joined(separator: ", ")
            print("memorybench: bench \(verb) failed for \(statuses)")
            exit(failed.map(\.status).max() ?? first.status)
        }
    }

    /// "swift package memorybench all --quick" (with `--target NAME` when the package has several).
    static func invocation(_ arguments: [String], target: String?) -> String {
        let words = arguments + (target.map { ["--target", $0] } ?? [])
        return (["swift", "package", "memorybench"] + words).map(shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        guard word.isEmpty || word.contains(where: { !($0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0)) }) else { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The target built in release and linked against libjemalloc (`-ljemalloc`, as the
    /// built-in bench-worker-jemalloc is), copied into the plugin's work folder; nil, with the
    /// reason printed, when it does not link (no libjemalloc-dev): bench then skips
    /// `jemalloc-linked` and says why.
    func buildLinkedWithJemalloc(_ target: SwiftSourceModuleTarget, into folder: URL) throws -> URL? {
        print("memorybench: building \(target.name) (release, linked with jemalloc)")
        var parameters = PackageManager.BuildParameters(configuration: .release, logging: .concise)
        parameters.otherLinkerFlags = ["-ljemalloc"]
        let built = try packageManager.build(.product(target.name), parameters: parameters)
        guard built.succeeded, let executable = built.builtArtifacts.first(where: { $0.kind == .executable })?.url else {
            print("memorybench: \(target.name) did not build linked with jemalloc (is libjemalloc-dev installed? a compile error shows in the plain build next); jemalloc-linked will be skipped")
            return nil
        }
        let copy = folder.appendingPathComponent("\(target.name)-jemalloc")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: executable, to: copy)
        return copy
    }

    /// Executable targets under MemoryBenchmarks/, or that depend on the MemoryBenchWorker product.
    static func benchmarkTargets(in package: Package) -> [SwiftSourceModuleTarget] {
        let folder = package.directoryURL.appendingPathComponent("MemoryBenchmarks").standardizedFileURL.path + "/"
        return package.targets.compactMap { $0 as? SwiftSourceModuleTarget }.filter { target in
            guard target.kind == .executable else { return false }
            let underFolder = (target.directoryURL.standardizedFileURL.path + "/").hasPrefix(folder)
            let usesWorker = target.dependencies.contains { dependency in
                if case .product(let product) = dependency { return product.name == "MemoryBenchWorker" }
                return false
            }
            return underFolder || usesWorker
        }
    }

    /// bench ended with a non-zero status (it has said why on stderr).
    struct Exited: Error { var status: Int32 }

    /// Runs bench; a non-zero status is thrown as `Exited` (bench has said why).
    func run(_ executable: URL, _ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Exited(status: process.terminationStatus) }
    }
}
