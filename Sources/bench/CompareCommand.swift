import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import Doctor
import Reporting

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two report.json files cell by cell and gate on regressions.",
        discussion: """
            Prints a Markdown table of every cell (scenario × variant × allocator × size) present \
            in both reports, with the change, each side's spread and a verdict, then lists the \
            cells found in only one. A change is a regression (or an improvement) only when the \
            two sides' min–max ranges do not overlap, it exceeds the floor (1 MiB, or 10 ms for \
            time) and it exceeds --threshold; a change inside the combined spread is "within \
            noise", never a regression. With one run per side the spread is unknown and only the \
            floor and the threshold apply.

            --metric allocations compares the mallocs of counted cells (NAME+count, from runs with \
            --count): counts are exact, so a change is a regression when the head's smallest count \
            exceeds the base's largest by more than --absolute-threshold mallocs (default 0) and \
            the median by more than --threshold; cells whose counts vary between runs (threads, \
            timers) are named as not deterministic. Counts can move by one between suites of the \
            same build, so a gate of zero on both is stricter than the counts are stable.

            Both reports must come from one testbed (the same fingerprint: see `bench merge`); \
            reports of different testbeds are refused unless --across-testbeds, which labels \
            every line cross-machine.

            Exit status: 0 no regression; 2 a regression beyond the threshold; 3 bad input \
            (unreadable file, not a report, missing or newer schemaVersion, no cell in common, \
            different testbeds without --across-testbeds); 64 bad command-line input.

            `bench baseline save NAME` keeps a report under a name in the package, and `bench \
            baseline check NAME` compares the latest one with it the same way.

            Examples:
              bench compare Reports/base/report.json Reports/latest/report.json
              bench compare base.json head.json --threshold 10% --metric release
              bench compare base.json head.json --metric allocations --absolute-threshold 100
            """)

    @Argument(help: "The baseline report.json (e.g. from the main branch).")
    var base: String

    @Argument(help: "The report.json to judge against it.")
    var head: String

    @OptionGroup var gate: GateOptions

    func run() throws {
        try gate.judge(base: base, head: head, command: "bench compare", failOnRegression: true)
    }
}
