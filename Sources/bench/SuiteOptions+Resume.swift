import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import Doctor
import Reporting
import MemoryProbe

extension SuiteOptions {
    /// `bench all --resume DIR`: the same plan as the interrupted suite, the runs it lacks, and
    /// the full report.
    func resumeSuite(in path: String) throws {
        let directory = URL(fileURLWithPath: path).standardizedFileURL
        let planFile = try SuiteFile.load(from: directory)
        if planFile.exec != nil {
            throw BenchError.input("\(directory.path) is a bench exec suite: continue it with \(SuiteFile.resumeCommand(exec: true, directory: shellQuoted(directory.path)))")
        }
        try resumeSuite(planFile, in: directory, executor: nil)
    }

    /// Continues the suite `planFile` plans in `directory`; `executor` runs `bench exec`'s command.
    func resumeSuite(_ planFile: SuiteFile, in directory: URL, executor: RunExecutor?,
                     afterReport: (SuiteSession.Outcome) -> Void = { _ in }) throws {
        var session = SuiteSession(
            selections: planFile.selections, allocators: planFile.allocators, runs: planFile.runs,
            runnerOptions: planFile.runnerOptions, reportsDirectory: directory.deletingLastPathComponent(),
            commandLine: planFile.commandLine, buildConfiguration: try Self.buildConfiguration(of: planFile.workers), workers: planFile.workers,
            progress: ProgressReporter.automatic(forced: progress, quiet: quiet))
        session.resumeDirectory = directory
        session.executor = executor
        session.execSuite = planFile.exec
        session.adaptive = planFile.adaptive ?? AdaptiveRuns(maxRuns: planFile.runs, budgetSeconds: 0)
        // A resumed suite keeps the testbed name it started with unless --testbed gives one.
        session.testbedName = testbed ?? (try? RecordedMachineFacts.load(from: directory))??.environment.testbed?.name
        // The scenarios as recorded when the suite started; a folder from before they were
        // recorded takes today's.
        if planFile.exec == nil {
            session.scenarios = try RecordedMachineFacts.load(from: directory)?.scenarios ?? Catalog.load(planFile.workers).scenarios
        }
        try finish(session, afterReport: afterReport)
    }

    /// How the measured code was compiled: a package's own worker says so in its catalog (the
    /// plugin runs a debug bench with a release worker); the built-in workers are built with bench.
    static func buildConfiguration(of workers: WorkerSet) throws -> String {
        guard workers.worker != nil else { return buildConfiguration }
        return try Catalog.load(workers).buildConfiguration ?? buildConfiguration
    }

    /// How this program was compiled (`debug` numbers are not comparable).
    static var buildConfiguration: String { BuildConfiguration.current }
}

/// `--resume` continues a suite as it was planned: any option that would change the plan
/// conflicts with it (progress and quiet only change what is printed).
enum ResumeCommandLine {
    static let allowed: Set<String> = ["--resume", "--progress", "--no-progress", "--quiet", "-q"]

    static func checkNoOtherOptions(_ arguments: [String]) throws {
        for argument in arguments.dropFirst() where argument.hasPrefix("-") {
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            guard allowed.contains(name) else {
                throw ValidationError("--resume continues the suite as it was planned (its suite.json); do not combine it with \(name)")
            }
        }
    }
}
