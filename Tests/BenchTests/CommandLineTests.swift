import XCTest
import ArgumentParser
import BenchModel
import MemoryProbe
import Suite
@testable import bench

/// The CLI's parsing and validation on argument arrays, as ArgumentParser parses a command
/// line: options with defaults, what `--resume` refuses, the one-line errors, help that states
/// defaults from the code. Nothing here starts a worker.
final class CommandLineTests: XCTestCase {
    /// The one-line message of a parse or validation error, as `bench` prints it.
    func failure(_ arguments: [String]) -> String? {
        do {
            _ = try Bench.parseAsRoot(arguments)
            return nil
        } catch {
            return Bench.message(for: error)
        }
    }

    func suite(_ arguments: [String]) throws -> SuiteOptions { try SuiteOptions.parse(arguments) }

    func testSuiteOptionsDefaultWhenNotGiven() throws {
        let options = try suite([])
        XCTAssertNil(options.runs)
        XCTAssertEqual(options.runsPerCell, 3)
        XCTAssertEqual(options.timeoutSeconds, 600)
        XCTAssertEqual(options.planOptionsGiven, [])
        XCTAssertEqual(try options.resolvedAllocators().map(\.name), AllocatorConfiguration.defaultNames)
        let plan = try options.plan([RunPlan.Selection(scenario: "s", variants: ["a"], sizes: [1])])
        XCTAssertEqual(plan.runs, 3)
        XCTAssertEqual(plan.adaptive, AdaptiveRuns(maxRuns: 6, budgetSeconds: 270))
        XCTAssertEqual(plan.intervalMs, 1)
        XCTAssertEqual(plan.timeoutSeconds, 600)
        XCTAssertTrue(plan.cacheDirectory.hasPrefix("/"), "recorded as an absolute path: \(plan.cacheDirectory)")
        XCTAssertNil(plan.exec)
    }

    func testQuickRunsOnceUnlessRunsIsGivenAndAddsNoExtraRunsUnlessAsked() throws {
        XCTAssertEqual(try suite([]).repetitions(quick: true).runs, 1)
        XCTAssertEqual(try suite([]).repetitions(quick: true).adaptive.maxRuns, 1)
        XCTAssertEqual(try suite(["--runs", "3"]).repetitions(quick: true).runs, 3, "--quick --runs 3 is the pull-request gate")
        XCTAssertEqual(try suite(["--runs", "3"]).repetitions(quick: true).adaptive.maxRuns, 3)
        XCTAssertEqual(try suite(["--max-runs", "5"]).repetitions(quick: true).adaptive.maxRuns, 5)
        XCTAssertEqual(try suite(["--runs", "8"]).repetitions(quick: false).adaptive.maxRuns, 8, "never below --runs")
        XCTAssertEqual(try suite(["--time-budget", "30"]).repetitions(quick: false).adaptive.budgetSeconds, 30)
        let all = try XCTUnwrap(try Bench.parseAsRoot(["all", "--quick", "--runs", "2"]) as? AllCommand)
        XCTAssertTrue(all.quick)
        XCTAssertEqual(all.suite.runs, 2)
    }

    func testBadSuiteOptionsAreOneLine() {
        XCTAssertEqual(failure(["all", "--runs", "0"]), "--runs must be between 1 and 100, not 0")
        XCTAssertEqual(failure(["all", "--runs", "4", "--max-runs", "3"]), "--max-runs must be between --runs (4) and 100, not 3")
        XCTAssertEqual(failure(["all", "--max-runs", "2"]), "--max-runs must be between --runs (3) and 100, not 2")
        XCTAssertEqual(failure(["all", "--time-budget", "0"]), "--time-budget must be a positive number of seconds")
        XCTAssertEqual(failure(["all", "--interval-ms", "0.01"]), "--interval-ms must be between 0.05 and 10000")
        XCTAssertEqual(failure(["all", "--timeout", "0"]), "--timeout must be a positive number of seconds")
        XCTAssertEqual(failure(["all", "--quiet", "--progress"]), "--quiet and --progress contradict each other; choose one")
        XCTAssertEqual(failure(["all", "--quick", "--long"]), "--quick and --long contradict each other: --quick never runs the long tier; choose one")
        XCTAssertEqual(failure(["all", "--memory-limit", "lots"]), "--memory-limit 'lots' is not a size; write e.g. 2GiB, 512MiB or 1.5G")
        XCTAssertEqual(failure(["all", "--testbed", "a b"]), "--testbed 'a b': use 1 to 64 letters, digits, '-', '_' or '.', e.g. ubuntu-24.04-arm64")
        XCTAssertTrue(failure(["all", "--allocators", "glibc,nope"])?.hasPrefix("unknown allocator configuration 'nope'; known: glibc, ") ?? false)
        XCTAssertEqual(failure(["all", "--worker-jemalloc", "/bin/true"]), "--worker-jemalloc is the jemalloc-linked build of a --worker: give --worker PATH too")
        XCTAssertEqual(failure(["all", "--sites-sample", "40"]), "--sites-sample must be from 10 to 30 (2^N bytes between samples), not 40")
    }

    func testResumeTakesNoOptionThatWouldChangeThePlan() {
        let refusal = "--resume continues the suite as it was planned (its suite.json); do not combine it with "
        XCTAssertEqual(failure(["all", "--resume", "R", "--runs", "2"]), refusal + "--runs")
        XCTAssertEqual(failure(["all", "--resume", "R", "--quick"]), refusal + "--quick")
        XCTAssertEqual(failure(["all", "--resume", "R", "--long"]), refusal + "--long")
        XCTAssertEqual(failure(["all", "--resume", "R", "--allocators", "glibc"]), refusal + "--allocators")
        XCTAssertEqual(failure(["all", "--resume", "R", "--export-json", "/tmp/x.json"]), refusal + "--export-json")
        XCTAssertEqual(failure(["all", "--resume", "R", "--sites"]), refusal + "--sites")
        XCTAssertNil(failure(["all", "--resume", "R", "--no-progress"]), "progress only changes what is printed")
        XCTAssertNil(failure(["all", "--resume", "R", "-q"]))
        XCTAssertEqual(failure(["exec", "--resume", "R", "--name", "job"]), refusal + "--name")
        XCTAssertEqual(failure(["exec", "--resume", "R", "--duration", "5s"]), refusal + "--duration")
        XCTAssertEqual(failure(["exec", "--resume", "R", "--", "python3", "job.py"]),
                       "--resume runs the command recorded in the suite's suite.json; give no command after --")
        XCTAssertNil(failure(["exec", "--resume", "R", "--progress"]))
    }

    func testExecNeedsACommandAndConsistentServiceOptions() {
        XCTAssertEqual(failure(["exec"]), "no command given: put it after --, e.g. bench exec -- python3 job.py")
        XCTAssertEqual(failure(["exec", "--name", "a/b", "--", "true"]), "--name must be a non-empty name without '/'")
        XCTAssertEqual(failure(["exec", "--ready", "true", "--", "true"]),
                       "--ready needs --duration (how long the service runs before SIGTERM), e.g. --duration 60s")
        XCTAssertEqual(failure(["exec", "--duration", "soon", "--", "true"]), "--duration soon: give a positive time such as 10s, 2m or 500ms")
        XCTAssertEqual(failure(["exec", "--measure", "sum", "--", "true"]), "--measure sum: give tree or largest")
    }

    func testScenarioNamesOfExecCommands() throws {
        func name(_ command: [String]) throws -> String {
            var exec = try XCTUnwrap(try Bench.parseAsRoot(["exec", "--resume", "R", "--"]) as? ExecCommand)
            exec.command = command
            return exec.scenarioName
        }
        XCTAssertEqual(try name(["python3", "jobs/export.py", "--fast"]), "export")
        XCTAssertEqual(try name(["python3", "-m", "pkg.tool"]), "pkg.tool")
        XCTAssertEqual(try name(["python3", "-c", "print(1)"]), "python3")
        XCTAssertEqual(try name(["./build/server", "--port", "1"]), "server")
        XCTAssertEqual(try name([]), "command")
    }

    func testValuesAreParsedWithWhatTheyMustLookLike() throws {
        XCTAssertEqual(Count(argument: "200k")?.value, 200_000)
        XCTAssertEqual(Count(argument: "1M")?.value, 1_000_000)
        XCTAssertEqual(Count(argument: "200_000")?.value, 200_000)
        XCTAssertNil(Count(argument: "0"))
        XCTAssertNil(Count(argument: "101M"))
        XCTAssertEqual(try SweepCommand.sizes("1M, 10k,10k,100k"), [10_000, 100_000, 1_000_000])
        XCTAssertThrowsError(try SweepCommand.sizes("10k,10k"))
        XCTAssertThrowsError(try SweepCommand.sizes("10k,lots"))
        XCTAssertEqual(Percent(argument: "2.5 %")?.value, 2.5)
        XCTAssertNil(Percent(argument: "-1"))
        XCTAssertEqual(ScenarioParameter(argument: "settle=12")?.value, "12")
        XCTAssertNil(ScenarioParameter(argument: "=12"))
        XCTAssertNil(ScenarioParameter(argument: "bad key=1"))
        XCTAssertEqual(ScenarioParameter.byScenario("s", [ScenarioParameter(argument: "a=1"), ScenarioParameter(argument: "a=2")].compactMap { $0 }),
                       ["s": ["a": "2"]], "the last of a repeated key wins")
        XCTAssertEqual(try ServiceOptions.seconds("500ms", flag: "--grace"), 0.5)
        XCTAssertEqual(try ServiceOptions.seconds("2m", flag: "--grace"), 120)
    }

    func testHelpStatesTheDefaultsTheCodeApplies() {
        let all = AllCommand.helpMessage(columns: 10_000)
        XCTAssertTrue(all.contains("'default' for the eight defaults"), all)
        XCTAssertTrue(all.contains("the eight default allocator configurations"))
        XCTAssertTrue(all.contains("3 runs per cell"))
        XCTAssertTrue(all.contains("Runs per cell at least, interleaved across cells (1–100). (default: 3)"))
        XCTAssertTrue(all.contains("(default 6; equal to --runs for no extra runs)"))
        XCTAssertTrue(all.contains("(default: 270.0)"))
        let exec = ExecCommand.helpMessage(columns: 10_000)
        XCTAssertTrue(exec.contains("(default 1 ms)"))
        XCTAssertTrue(exec.contains("before the run fails (default 30s)"))
        XCTAssertTrue(exec.contains("killed with SIGKILL (default 5s)"))
        XCTAssertEqual(HelpText.spelled(AllocatorConfiguration.defaultNames.count), "eight")
        XCTAssertEqual(HelpText.spelled(20), "20")
    }

    func testBudgetsAreReadOnceRecordedInThePlanAndRefusedWithResume() throws {
        let plan = try suite(["--budget", "csv-parse/swiftcsv peak<=8MiB", "--budget", "csv-parse allocations<=50k"])
            .plan([RunPlan.Selection(scenario: "csv-parse", variants: ["swiftcsv"], sizes: [1])])
        XCTAssertEqual(plan.budgets, ["csv-parse": [Budget(metric: .peak, limit: 8 << 20, variant: "swiftcsv"), Budget(metric: .allocations, limit: 50_000)]])
        XCTAssertNil(try suite([]).plan([RunPlan.Selection(scenario: "s", variants: ["a"], sizes: [1])]).budgets)
        XCTAssertEqual(failure(["all", "--budget", "csv-parse"]), "--budget 'csv-parse' sets no limit: add one, e.g. 'csv-parse peak<=8MiB'")
        XCTAssertEqual(failure(["all", "--budget", "s peak<=1MiB", "--budget", "s peak<=2MiB"]), "--budget limits peak of s twice: keep one")
        XCTAssertEqual(failure(["all", "--resume", "Reports/x", "--budget", "s peak<=1MiB"]),
                       "--resume continues the suite as it was planned (its suite.json); do not combine it with --budget")
    }

    func testBaselineNamesAndTheirFoldersAreChecked() throws {
        XCTAssertEqual(failure(["baseline", "save", "../x"]), "baseline name '../x': use 1 to 64 letters, digits, '-', '_' or '.', not starting with '.', e.g. main")
        let check = try XCTUnwrap(try Bench.parseAsRoot(["baseline", "check", "main", "--package-path", "/p", "--threshold", "10%"]) as? BaselineCheckCommand)
        XCTAssertEqual(check.comparison.package.store.report("main").path, "/p/.memorybench/baselines/main/report.json")
        XCTAssertEqual(check.comparison.package.resultsFile(nil), "/p/Reports/latest/report.json")
        XCTAssertEqual(check.comparison.gate.threshold.value, 10)
    }
}
