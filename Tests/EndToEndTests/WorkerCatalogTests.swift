import Foundation
import XCTest
import MemoryProbe

/// `bench-worker catalog`: every scenario as data, the way the CLI will read it; and the worker
/// refusing what a scenario does not declare (an unknown parameter, a size above a variant's
/// maximum).
final class WorkerCatalogTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    func testCatalogDecodesAndDeclaresEveryComparisonBetweenRealVariants() throws {
        let catalog = try WorkerCommand.catalog()
        XCTAssertEqual(catalog.schemaVersion, ScenarioCatalogDescription.currentSchemaVersion)
        let visible = catalog.scenarios.filter { !$0.isHidden }
        XCTAssertEqual(visible.map(\.name), ["load-all-vs-batched", "string-building", "caches", "threaded-churn", "server-soak", "bulk-writes",
                                         "thread-pool-bloat"])
        XCTAssertEqual(catalog.scenarios.filter(\.isHidden).map(\.name), ["fault", "gates", "null", "spike", "known-size", "cpu-bound", "known-sites"])
        for scenario in visible {
            let names = scenario.variants.map(\.name)
            // A soak and the positive control compare configurations, not variants: one variant,
            // or variants that do its work with other settings, none a pitfall or a fix.
            let comparesConfigurations = scenario.allocatorSensitive
                && scenario.variants.dropFirst().allSatisfy { $0.sameWorkAs == scenario.variants.first?.name }
            XCTAssertTrue(!scenario.comparisons.isEmpty || comparesConfigurations, "\(scenario.name) declares no pitfall and fix")
            for comparison in scenario.comparisons {
                XCTAssertTrue(names.contains(comparison.pitfall), "\(scenario.name): pitfall \(comparison.pitfall) is no variant")
                XCTAssertTrue(names.contains(comparison.fix), "\(scenario.name): fix \(comparison.fix) is no variant")
                XCTAssertNotEqual(comparison.pitfall, comparison.fix)
            }
            // Every variant is a pitfall, a fix, or the same work as another with other settings.
            for variant in scenario.variants {
                let compared = scenario.comparisons.contains { $0.pitfall == variant.name || $0.fix == variant.name }
                XCTAssertTrue(compared || variant.sameWorkAs.map(names.contains) == true || comparesConfigurations,
                              "\(scenario.name) \(variant.name) has no role")
                for phase in scenario.verificationPhases {
                    XCTAssertEqual(variant.phases.last, phase, "\(scenario.name) \(variant.name) verifies after its workload")
                }
            }
            for phase in scenario.verificationPhases {
                XCTAssertFalse(scenario.reportedPhases.contains(phase), "\(scenario.name) reports its verification phase \(phase)")
            }
            XCTAssertGreaterThan(scenario.quickSize, 0)
            XCTAssertGreaterThanOrEqual(scenario.defaultSize, scenario.quickSize)
            XCTAssertEqual(scenario.releasePhase, scenario.name == "server-soak" ? "drain" : "release")
        }

        let strings = try XCTUnwrap(catalog.scenario(named: "string-building"))
        XCTAssertEqual(strings.sizeUnit, "orders")
        XCTAssertEqual(strings.variants.map(\.maximumSize), [nil, 2_000, nil])
        XCTAssertEqual(Set(strings.comparisons), [VariantComparison(pitfall: "copying-concat", fix: "concat"),
                                                  VariantComparison(pitfall: "copying-concat", fix: "stream"),
                                                  VariantComparison(pitfall: "concat", fix: "stream")])
        XCTAssertEqual(strings.parameters.map(\.key), ["copying-cap"])
        XCTAssertEqual(strings.sweepSizes, ScenarioDescription.SweepSizes(suite: [10_000, 25_000, 50_000], quick: [2_000, 5_000]))
        XCTAssertEqual(strings.figures.filter(\.mustAgree).map(\.check), ["outputHash", "prefixHash"])

        let bulk = try XCTUnwrap(catalog.scenario(named: "bulk-writes"))
        XCTAssertEqual(bulk.verificationPhases, ["verify"])
        XCTAssertEqual(bulk.reportedPhases, ["write", "release", "trim"])
        XCTAssertEqual(bulk.comparisons, [VariantComparison(pitfall: "insert-per-row", fix: "insert-batched"),
                                          VariantComparison(pitfall: "update-per-record", fix: "update-set")])
        XCTAssertTrue(bulk.parameters.isEmpty)

        let threads = try XCTUnwrap(catalog.scenario(named: "threaded-churn"))
        XCTAssertEqual(threads.comparisons, [.control("single-thread", of: "threaded")], "one thread is the control, not a fix")
        XCTAssertEqual(threads.suiteDefaults?.addedAllocators, ["jemalloc-decay-1s"])
        XCTAssertEqual(threads.variants.first { $0.name == "threaded-long-settle" }?.sameWorkAs, "threaded")
        XCTAssertEqual(threads.parameters.map(\.key), ["threads", "burst", "settle", "long-settle", "threaded-settle", "settle-checkpoints"])
        XCTAssertTrue(threads.figuresByAllocator)
        XCTAssertNil(threads.sweepSizes)
        let pool = try XCTUnwrap(catalog.scenario(named: "thread-pool-bloat"))
        XCTAssertEqual(pool.suiteDefaults?.tier, .long, "only bench all --long runs the positive control")
        XCTAssertEqual(pool.comparisons, [], "its configurations are compared, not its variants")
        XCTAssertEqual(pool.variants.map(\.sameWorkAs), [nil, "one-at-a-time", "one-at-a-time"])
        XCTAssertEqual(pool.reportedPhases, ["jobs", "release", "settle", "shutdown", "trim"])
        XCTAssertEqual(pool.parameters.map(\.key), ["threads", "strings", "string-bytes", "big-every", "big-factor", "order", "settle"])
        XCTAssertEqual(pool.figures.filter(\.mustAgree).map(\.check), ["stringsChecksum"])
        XCTAssertTrue(pool.allocatorSensitive)
        XCTAssertEqual(try XCTUnwrap(catalog.scenario(named: "null")).parameters.map(\.key), ["idle-ms"])
    }

    func testWorkerRefusesAnUnknownParameterAndNamesTheKnownOnes() throws {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        let result = try WorkerCommand.run(["run", "--scenario", "threaded-churn", "--variant", "threaded", "--size", "4",
                                            "--cache", directory.path, "--scratch", directory.path, "--param", "thread=2"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stdout.isEmpty)
        XCTAssertTrue(result.stderr.contains("scenario threaded-churn has no parameter thread; known: threads, burst, settle, long-settle, threaded-settle, settle-checkpoints"),
                      result.stderr)
        let none = try WorkerCommand.run(["run", "--scenario", "caches", "--variant", "lru", "--size", "10",
                                          "--cache", directory.path, "--scratch", directory.path, "--param", "copying-cap=5"])
        XCTAssertEqual(none.status, 64)
        XCTAssertTrue(none.stderr.contains("scenario caches has no parameter copying-cap; it accepts none"), none.stderr)
    }

    func testWorkerRefusesAVariantAboveItsMaximumSizeAndRecordsTheSizeItRan() throws {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        func run(_ size: Int, _ parameters: [String] = []) throws -> WorkerCommand.Result {
            try WorkerCommand.run(["run", "--scenario", "string-building", "--variant", "copying-concat", "--size", "\(size)",
                                   "--cache", directory.path, "--scratch", directory.path] + parameters)
        }
        let above = try run(2_001)
        XCTAssertEqual(above.status, 1)
        XCTAssertTrue(above.stdout.isEmpty, "no record for a run that did not happen")
        XCTAssertTrue(above.stderr.contains("string-building copying-concat runs at most 2000 orders, not 2001"), above.stderr)

        let lowered = try run(600, ["--param", "copying-cap=500"])
        XCTAssertEqual(lowered.status, 1)
        XCTAssertTrue(lowered.stderr.contains("runs at most 500 orders, not 600"), lowered.stderr)

        let raised = try run(2_500, ["--param", "copying-cap=3000"])
        XCTAssertEqual(raised.status, 0, raised.stderr)
        let record = try JSONDecoder().decode(WorkerRecord.self, from: raised.stdout)
        XCTAssertEqual(record.size, 2_500)
        XCTAssertEqual(record.maximumSize, 3_000)
        XCTAssertEqual(record.checks["orders"], 2_500)
        XCTAssertNotNil(record.checks["outputHash"])
        XCTAssertEqual(record.phases.map(\.name), ["build", "write", "release", "trim", "verify"])
        XCTAssertEqual(record.phases.map { $0.verification == true }, [false, false, false, false, true])
    }
}
