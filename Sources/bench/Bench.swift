import ArgumentParser
import Foundation
import Harness

@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the memory of workloads under several allocator configurations.",
        discussion: """
            Every run is a fresh worker process with an environment built for one allocator \
            configuration; RSS is read from /proc/self/status at every phase boundary, with the \
            peak reset per phase. Reports go to Reports/<run-id>/ (report.md, report.json, \
            results.jsonl) and Reports/latest points at the newest.

            Exit status: 0 every run succeeded (or was skipped for a missing library); 1 some run \
            failed (the report says which and why); 64 bad command-line input; 74 an output file \
            could not be written; 70 an unexpected internal error.
            """,
        subcommands: [ListCommand.self, RunCommand.self, AllCommand.self, DoctorCommand.self])

    /// Parses and runs; errors a user can cause print one line, never a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as HarnessError {
            FileHandle.standardError.write(Data("bench: \(error.description)\n".utf8))
            Foundation.exit(74)
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
