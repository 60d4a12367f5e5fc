import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite

/// The positive control's short version in real workers (the published jobs, 8 threads instead
/// of 30, 200 jobs: peaks near 700 MiB, about a second a run in a release build, 3 s in the tests'
/// debug build): the effect the allocator rows exist for, with wide margins, and its cause. glibc
/// keeps several times what MALLOC_ARENA_MAX=2 keeps after the jobs; with the tcache off it keeps
/// almost nothing; what glibc keeps is free (malloc_trim gives it back). Every configuration and
/// variant builds the same strings.
final class ThreadPoolBloatTests: XCTestCase {
    override func setUpWithError() throws { try WorkerTestSupport.requireWorkers() }

    static let shortVersion = ["threads": "8", "settle": "0"]

    /// One run of `one-at-a-time` under each of `allocators`, and one of `all-at-once` under glibc.
    func runs(allocators: [String]) throws -> [RunResult] {
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        var options = WorkerExecutor.Options(cacheDirectory: directory.appendingPathComponent("cache").path)
        options.parameters = ["thread-pool-bloat": Self.shortVersion]
        let runner = WorkerTestSupport.runner(directory, executor: WorkerTestSupport.executor(directory, options: options))
        let configurations = try allocators.map(WorkerTestSupport.configuration)
        let plan = RunPlan(selections: [RunPlan.Selection(scenario: "thread-pool-bloat", variants: ["one-at-a-time"], sizes: [200]),
                                        RunPlan.Selection(scenario: "thread-pool-bloat", variants: ["all-at-once"], sizes: [200],
                                                          allocatorNames: ["glibc"])],
                           allocators: configurations, runs: 1)
        let results = try runner.measure(plan, allocators: configurations).results
        XCTAssertEqual(results.count, allocators.count + 1)
        for result in results { XCTAssertEqual(result.status, .ok, "\(result.variant) \(result.allocator): \(result.reason ?? "")") }
        return results
    }

    /// RSS over the baseline after `phase`, in the run of `variant` under `allocator`.
    func kept(_ results: [RunResult], _ variant: String, _ allocator: String, after phase: String) throws -> Double {
        let record = try XCTUnwrap(results.first { $0.variant == variant && $0.allocator == allocator }?.record, "\(variant) \(allocator)")
        return try XCTUnwrap(record.rssOverBaselineBytes(after: phase), "\(variant) \(allocator) \(phase)")
    }

    func testGlibcKeepsWhatItsArenasGrewToAndTheArenaCapAndTheTcacheOffDoNot() throws {
        let results = try runs(allocators: ["glibc", "glibc-arenas-2", "glibc-no-tcache"])
        let records = results.compactMap(\.record)
        XCTAssertEqual(records.count, 4)
        for record in records {
            XCTAssertEqual(record.phases.map(\.name), ["jobs", "release", "settle", "shutdown", "trim"])
            XCTAssertEqual(record.checks["jobs"], 200)
            XCTAssertEqual(record.checks["threads"], 8)
            XCTAssertEqual(record.checks["bigJobs"], 8)
            XCTAssertEqual(record.checks["strings"], 192 * 1_024 + 8 * 1_024 * 150)
        }
        for result in results where result.variant == "one-at-a-time" {
            XCTAssertLessThan(try XCTUnwrap(result.record).peakBytes, 800 << 20, "the short version stays below 800 MiB: \(result.allocator)")
        }
        XCTAssertEqual(Set(records.compactMap { $0.checks["stringsChecksum"] }).count, 1,
                       "the same strings under every configuration, one job at a time or all at once")
        XCTAssertEqual(results.filter { $0.variant == "one-at-a-time" }.compactMap { $0.record?.checks["inFlight"] }, [1, 1, 1])
        XCTAssertEqual(results.first { $0.variant == "all-at-once" }?.record?.checks["inFlight"], 8)

        let glibc = try kept(results, "one-at-a-time", "glibc", after: "release")
        let capped = try kept(results, "one-at-a-time", "glibc-arenas-2", after: "release")
        let noTcache = try kept(results, "one-at-a-time", "glibc-no-tcache", after: "release")
        // Measured (debug build): glibc ~645 MiB (the big jobs' arenas keep two 64 MiB sub-heaps
        // each), the arena cap ~130 MiB, the tcache off ~10 MiB.
        XCTAssertGreaterThan(glibc, 300 * 1_048_576, "glibc keeps what its arenas grew to")
        XCTAssertGreaterThanOrEqual(glibc, 2 * capped, "glibc keeps at least twice what MALLOC_ARENA_MAX=2 keeps")
        XCTAssertLessThanOrEqual(noTcache, 0.1 * glibc, "with the tcache off the arenas' heaps shrink")
        let limited = try XCTUnwrap(results.first { $0.allocator == "glibc-arenas-2" }?.record)
        XCTAssertLessThanOrEqual(try XCTUnwrap(limited.checks["arenas"]), 2)
        // What glibc keeps is free memory it holds: malloc_trim(0) gives it back.
        XCTAssertLessThanOrEqual(try kept(results, "one-at-a-time", "glibc", after: "trim"), 0.1 * glibc)
    }
}
