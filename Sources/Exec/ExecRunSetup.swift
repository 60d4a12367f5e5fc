#if canImport(Glibc)
import Glibc
#endif
import Foundation
import BenchModel
import Suite

/// Everything one `bench exec` run needs before its command starts, made in one place and
/// removed in one place (`cleanUp`): the executable found on the caller's PATH, the probe's
/// proof folder and the counter's count folder, the environment, the log, and the
/// acknowledgement pipe of phase markers. What it made is in `facts` also when a step fails.
final class ExecRunSetup {
    /// A step that failed: the run fails with this reason, before the command started.
    struct Failure: Error {
        var reason: String
    }

    var facts: ExecFacts
    private(set) var executable = ""
    private(set) var environment: ExecEnvironment?
    /// The probe's folder for this run, read after the command ended (nil: no probe).
    private(set) var proofFolder: String?
    private(set) var countFolder: ExecCountFolder?
    /// The command's log (stdout and stderr), or -1 with --show-output.
    private(set) var log: Int32 = -1
    /// The acknowledgement pipe: the command reads its end (fd 4) after each marker; bench
    /// never blocks writing its own (non-blocking) end.
    private(set) var acknowledgementRead: Int32 = -1
    private(set) var acknowledgementWrite: Int32 = -1

    init(command: [String]) {
        facts = ExecFacts(command: command)
    }

    /// Makes everything in order; throws at the first step that fails.
    func prepare(_ entry: RunPlan.Entry, index: Int, options: CommandExecutor.Options, folder: String) throws(Failure) {
        guard let name = facts.command.first else { throw Failure(reason: "no command to run (empty command)") }
        switch ExecutableSearch.resolve(name, searchPath: options.callerEnvironment["PATH"]) {
        case .found(let path): executable = path
        case .unusable(let why): throw Failure(reason: why)
        }
        facts.executable = executable
        let variables = try preloadVariables(entry, index: index, options: options)
        let environment = ExecEnvironment(caller: options.callerEnvironment, configuration: entry.allocator, extra: variables.merging([
            PhaseMarkers.environmentVariable: "\(PhaseMarkers.descriptor)",
            PhaseMarkers.acknowledgementVariable: "\(PhaseMarkers.acknowledgementDescriptor)",
            "MEMORYBENCH_VARIANT": entry.variant, "MEMORYBENCH_ALLOCATOR": entry.allocator.name,
            "MEMORYBENCH_RUN": "\(entry.repetition)",
        ]) { _, new in new })
        self.environment = environment
        facts.environmentSet = environment.set
        facts.environmentRemoved = environment.removed
        if entry.allocator.preloadLibrary != nil || entry.allocator.isCounted, ExecutableInspection.isStaticELF(executable) == true {
            throw Failure(reason: "\(entry.allocator.name): \(executable) is statically linked, so LD_PRELOAD cannot apply; not run under this configuration")
        }
        if !options.showOutput { try openLog(entry, index: index, folder: folder) }
        try openAcknowledgementPipe()
    }

    /// The probe's and the counter's variables, with their folders made: the probe after the
    /// configuration's library in LD_PRELOAD, the counter first.
    func preloadVariables(_ entry: RunPlan.Entry, index: Int, options: CommandExecutor.Options) throws(Failure) -> [String: String] {
        var variables: [String: String] = [:]
        if let probe = options.probeLibrary {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-proof-\(getpid())-\(index)-\(entry.repetition)").path
            try? FileManager.default.removeItem(atPath: folder)
            if (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil {
                proofFolder = folder
                variables = [ExecProbeLibrary.folderVariable: folder,
                             "LD_PRELOAD": [entry.allocator.environment["LD_PRELOAD"], probe].compactMap { $0 }.joined(separator: " ")]
                // A service is asked for its allocator's figures while it runs (ProbeRequests).
                if options.service?.durationSeconds != nil { variables[ProbeRequests.variable] = folder }
            }
        }
        guard entry.allocator.isCounted else { return variables }
        guard let counter = options.countingLibrary else { throw Failure(reason: "\(entry.allocator.name): the allocation counter is not available") }
        guard let folder = ExecCountFolder(index: index, repetition: entry.repetition) else { throw Failure(reason: "cannot make a folder for the allocation counts") }
        countFolder = folder
        return ExecCountFolder.variables(folder: folder.path, counter: counter, adding: variables, configuration: entry.allocator)
    }

    func openLog(_ entry: RunPlan.Entry, index: Int, folder: String) throws(Failure) {
        let relative = RunFolder.logPath("\(index + 1)-\(CommandExecutor.fileSafe(entry.variant))-\(CommandExecutor.fileSafe(entry.allocator.name))-run\(entry.repetition).log")
        try? FileManager.default.createDirectory(atPath: "\(folder)/\(RunFolder.logsFolderName)", withIntermediateDirectories: true)
        log = open("\(folder)/\(relative)", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard log >= 0 else { throw Failure(reason: "cannot write \(folder)/\(relative): \(String(cString: strerror(errno)))") }
        facts.logPath = relative
    }

    func openAcknowledgementPipe() throws(Failure) {
        var ends: [Int32] = [-1, -1]
        let made = pipe(&ends) == 0
        (acknowledgementRead, acknowledgementWrite) = (ends[0], ends[1])
        guard made, fcntl(ends[0], F_SETFD, FD_CLOEXEC) == 0, fcntl(ends[1], F_SETFD, FD_CLOEXEC) == 0,
              fcntl(ends[1], F_SETFL, O_NONBLOCK) == 0 else {
            throw Failure(reason: "pipe: \(String(cString: strerror(errno)))")
        }
    }

    /// Set by the run once it knows whether the launcher starts the command (its counts are not
    /// the command's).
    func noteLauncher(_ launcher: String?) {
        countFolder?.launcherExecutable = launcher
    }

    /// Closes and removes everything `prepare` made.
    func cleanUp() {
        for descriptor in [log, acknowledgementRead, acknowledgementWrite] where descriptor >= 0 { close(descriptor) }
        (log, acknowledgementRead, acknowledgementWrite) = (-1, -1, -1)
        if let proofFolder { try? FileManager.default.removeItem(atPath: proofFolder) }
        countFolder?.remove()
    }
}
