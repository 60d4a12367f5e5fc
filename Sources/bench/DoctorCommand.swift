import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import Doctor

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check this machine, and with --calibrate measure the instrument itself.",
        discussion: """
            Checks: /proc files, the per-phase peak reset (tried in a worker), every allocator \
            configuration (proved in a worker), kernel/glibc/jemalloc versions, THP, overcommit, \
            swap, cores, CPU frequency scaling and load. Exit status 1 when something the suite \
            needs is missing (the line says how to install it), else 0.

            --calibrate runs the calibration scenarios (null, spike, known-size, cpu-bound) in \
            fresh workers (10–20 s in a release build), prints the noise floor, spike \
            capture, known-size accuracy and the sampler's and worker's overhead, and saves them \
            as calibration.json in the cache folder: every later report made with that cache \
            folder carries them, and its noise floor comes from them.

            Examples:
              bench doctor
              bench doctor --calibrate
              bench doctor --calibrate --cache-dir /tmp/mb-cache
            """)

    @Flag(name: .long, help: "Also run the calibration scenarios and save calibration.json.")
    var calibrate = false

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Folder for calibration.json and cached inputs.", valueName: "dir"))
    var cacheDirectory: String?

    /// Where to look for allocator libraries instead of the system's folders (for tests of the
    /// failure path).
    @Option(name: .customLong("library-dir"), help: .hidden)
    var libraryDirectories: [String] = []

    func run() throws {
        let cache = URL(fileURLWithPath: SuiteOptions.cacheDirectory(cacheDirectory)).standardizedFileURL.path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-doctor-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let libraries = libraryDirectories.isEmpty ? LibraryLocator() : LibraryLocator(directories: libraryDirectories)
        let configurations = AllocatorConfiguration.builtIn(libraries: libraries)
        let workers = WorkerSet()
        let checks = Doctor(workers: workers, configurations: configurations, scratchDirectory: scratch).run()

        print("MemoryBench doctor")
        let width = checks.map(\.name.count).max() ?? 0
        for check in checks {
            let verdict = check.verdict.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)
            print("  \(verdict)  \(check.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(check.detail)")
            if let fix = check.fix, check.verdict != .ok, !check.detail.contains(fix) { print("        \(String(repeating: " ", count: width))  fix: \(fix)") }
        }
        print("")

        var figures = CalibrationFigures.load(fromDirectory: cache)
        if calibrate {
            guard !Doctor.failed(checks) else {
                print("Calibration not run: fix the failed checks first.")
                throw failure(checks)
            }
            let progress = ProgressReporter.automatic(forced: nil, quiet: false)
            let calibrator = Calibrator(
                worker: CalibrationWorker(workers: workers, scratchDirectory: scratch, cacheDirectory: cache),
                configurations: configurations, buildConfiguration: buildConfiguration, say: { progress.say($0) })
            do {
                let measured = try calibrator.measure()
                let path = try measured.save(toDirectory: cache)
                figures = measured
                print("Calibration (saved to \(path))")
            } catch let error as BenchError {
                throw error
            } catch {
                FileHandle.standardError.write(Data("bench: calibration failed: \(error)\n".utf8))
                throw ExitCode(1)
            }
        } else if let figures {
            print("Calibration of \(figures.measuredAt) (\(figures.buildConfiguration) build, kernel \(figures.kernel); rerun with --calibrate)")
        } else {
            print("Calibration: not measured on this machine (cache folder \(cache)); run `bench doctor --calibrate`.")
        }
        if let figures {
            for line in figures.summaryLines() {
                let mark = line.meetsGoal.map { $0 ? "ok  " : "MISS" } ?? "    "
                print("  \(mark)  \(line.label): \(line.text)")
            }
        }
        if Doctor.failed(checks) { throw failure(checks) }
    }

    func failure(_ checks: [Doctor.Check]) -> ExitCode {
        let failed = checks.filter { $0.verdict == .fail }
        let fixes = failed.compactMap(\.fix).uniqued()
        FileHandle.standardError.write(Data("bench: doctor: \(failed.count) check(s) failed (\(failed.map(\.name).joined(separator: ", ")))\(fixes.isEmpty ? "" : "; fix: " + fixes.joined(separator: "; "))\n".utf8))
        return ExitCode(1)
    }

    var buildConfiguration: String { SuiteOptions.buildConfiguration }
}
