import ArgumentParser
import BenchModel
import Suite
import Exec
import Doctor
import MemoryProbe

struct AllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Run every scenario under every chosen allocator configuration.",
        discussion: """
            Default: each scenario at its default size, \(SuiteOptions.defaultRuns) runs per cell (more, up to --max-runs, \
            for cells whose comparisons are undecided, within --time-budget), the \(HelpText.spelled(AllocatorConfiguration.defaultNames.count)) default \
            allocator configurations, plus a size sweep under glibc (two smaller sizes per \
            scenario that declares one); threaded-churn's threaded variant idles 3 s under every \
            configuration, with RSS checkpoints at 0.5, 1 and 2 s (the single thread 0.5 s). \
            --quick: each \
            scenario at its small size, 1 run (a smoke test; single runs decide nothing and the \
            report says so); --quick --runs 3 is the quick pull-request gate. --long adds the \
            long tier, the scenarios that declare themselves too large for every suite (built in: \
            thread-pool-bloat, the published thread-pool workload, 2-5 GiB peaks, about 16 minutes \
            on 2 cores under its four configurations); --quick never runs it, and `bench run NAME` \
            runs one of them alone.

            --resume DIR continues a suite that was interrupted (Ctrl-C, SIGTERM, a crash) in its \
            own folder: it plans the same runs from DIR/suite.json, skips those already in \
            DIR/results.jsonl, and rewrites the report with everything. It takes no other suite \
            options. Example: bench all --resume Reports/2026-01-01T10-00-00Z
            """)

    @Flag(name: .long, help: "Small sizes and one run (unless --runs): a fast smoke test; with --runs 3, a quick gate.")
    var quick = false

    @Flag(name: .long, help: "Also run the long tier (thread-pool-bloat: GB-scale peaks, about 16 minutes on 2 cores); not with --quick.")
    var long = false

    @Option(name: .long, help: ArgumentHelp("Continue the interrupted suite in this run folder (a Reports/<run-id>).", valueName: "dir"))
    var resume: String?

    @OptionGroup var suite: SuiteOptions

    func validate() throws {
        if resume != nil { try SuiteOptions.refuseWithResume((quick ? ["--quick"] : []) + (long ? ["--long"] : []) + suite.planOptionsGiven) }
        if quick && long { throw ValidationError("--quick and --long contradict each other: --quick never runs the long tier; choose one") }
    }

    func run() throws {
        if let resume {
            try suite.resume(resume, exec: false)
            return
        }
        let scenarios = try Catalog.load(try suite.workers()).scenarios
        let defaults = DefaultSuite.plan(quick: quick, long: long, allocators: try suite.resolvedAllocators(), scenarios: scenarios)
        try suite.checkBudgets(against: try Catalog.load(try suite.workers()), planned: defaults.selections.map(\.scenario).uniqued())
        for note in defaults.notes { suite.note(note) }
        try suite.runSuite(try suite.plan(defaults.selections, parameters: defaults.parameters, quick: quick,
                                          addedAllocators: defaults.addedAllocators), scenarios: scenarios)
    }
}
