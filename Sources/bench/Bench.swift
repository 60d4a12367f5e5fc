import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import Doctor

@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the memory of workloads under several allocator configurations.",
        discussion: """
            Every run is a fresh worker process with an environment built for one allocator \
            configuration; RSS is read from /proc/self/status at every phase boundary, with the \
            peak reset per phase. Reports go to Reports/<run-id>/ (report.md, details.md, report.json, \
            results.jsonl) and Reports/latest points at the newest.

            Exit status: 0 every run succeeded (or was skipped for a missing library, or ran out \
            of memory at the cap: an OOM is a result); 1 some run failed or timed out, or \
            variants the report compares did different work (a check they must agree on \
            differs; the report says which and why); 2 a budget exceeded beyond noise (with \
            --budget or a budget in code); 64 bad command-line input; 65 a file to read (suite.json, \
            results.jsonl, report.json) is missing, damaged or from a newer bench; 70 an \
            unexpected internal error; 74 an output file could not be written (folder not \
            writable, disk full); 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM: the \
            finished runs are kept and a partial report is written; continue with \
            `bench all --resume DIR`. `bench compare` and \
            `bench baseline check`: 0 no regression, 2 a regression beyond the threshold, 3 bad \
            input; `bench report`: 3 unreadable results.
            """,
        subcommands: [ListCommand.self, RunCommand.self, AllCommand.self, SweepCommand.self, ExecCommand.self, CompareCommand.self, BaselineCommand.self, MergeCommand.self, ReportCommand.self, DoctorCommand.self, InitCommand.self])

    /// Parses and runs; errors a user can cause print one line, never a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as BenchError {
            FileHandle.standardError.write(Data("bench: \(error.description)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = Bench.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
            // ArgumentParser answers 64 for bad input; anything else unexpected is 70.
            Foundation.exit(code == .validationFailure ? 64 : 70)
        }
    }
}
