import Foundation
import XCTest
@testable import MemoryProbe

/// The closure API (`MemoryBenchmark`) run through the real phase recorder in this process: the
/// phases it records, what it keeps alive until `release`, the checks and their flag, and what it
/// tells the catalog.
final class MemoryBenchmarkTests: XCTestCase {
    static let block = 64 << 20

    /// Runs `variant` of `benchmark` the way the worker does (recorder, verification phases).
    func run(_ benchmark: MemoryBenchmark, _ variant: String, size: Int = 10) throws -> (phases: [PhaseRecord], context: RunContext) {
        let status = try XCTUnwrap(ProcFile(path: "/proc/self/status"))
        let sampler = try XCTUnwrap(RssSampler(intervalMs: 20))
        let recorder = PhaseRecorder(status: status, peakReset: PeakResetter(), sampler: sampler, allocator: AllocatorProbe())
        recorder.verificationPhases = Set(benchmark.verificationPhases)
        XCTAssertTrue(sampler.start())
        defer { sampler.stop() }
        let context = RunContext(size: size, cacheDirectory: "/tmp", scratchDirectory: "/tmp", recorder: recorder)
        try benchmark.run(variant: variant, context: context)
        return (recorder.phases, context)
    }

    func testVariantRunsItsPhasesThenReleaseThenVerify() throws {
        let benchmark = MemoryBenchmark("two-phases", size: 50, phases: ["load", "parse"], verify: { run in
            guard run.checked("rows") == run.size else { throw ScenarioCheckFailed("rows") }
        }) {
            Variant("a") { run in
                let text = try run.phase("load") { String(repeating: "x", count: run.size) }
                let rows = try run.phase("parse") { text.utf8.count }
                run.check("rows", rows)
            }
        }
        let (phases, context) = try run(benchmark, "a", size: 50)
        XCTAssertEqual(phases.map(\.name), ["load", "parse", "release", "verify"])
        XCTAssertEqual(phases.map { $0.verification == true }, [false, false, false, true])
        XCTAssertEqual(context.checks, ["rows": 50])
        XCTAssertEqual(benchmark.variants.first?.phases, ["load", "parse", "release", "verify"])
        XCTAssertEqual(benchmark.reportedPhases, ["load", "parse", "release"], "verify is measured, not reported")
        XCTAssertEqual(benchmark.livePhase, "parse")
        XCTAssertEqual(benchmark.verificationPhases, ["verify"])
    }

    /// A phase's result outlives the local it was bound to (a `do` scope ends its lifetime even
    /// in a debug build): the next phase still holds it, and `release` is where RSS drops.
    func testWhatAPhaseReturnsIsFreedInTheReleasePhaseNotBefore() throws {
        let benchmark = MemoryBenchmark("keep", phases: ["fill", "idle"]) {
            Variant("a") { run in
                do {
                    let bytes = try run.phase("fill") { [UInt8](repeating: 1, count: Self.block) }
                    run.check("bytes", bytes.count)
                }
                try run.phase("idle") {}
            }
        }
        let (phases, _) = try run(benchmark, "a")
        XCTAssertEqual(phases.map(\.name), ["fill", "idle", "release"])
        let fill = phases[0], idle = phases[1], release = phases[2]
        XCTAssertGreaterThan(fill.rssBytes - fill.startRssBytes, Self.block * 7 / 8, "the phase touched its block")
        XCTAssertGreaterThan(idle.rssBytes - fill.startRssBytes, Self.block * 7 / 8, "the block is still held after its local ended")
        XCTAssertGreaterThan(release.startRssBytes - release.rssBytes, Self.block * 7 / 8, "the release phase frees it")
    }

    func testChecksCarryTheirInformationalFlag() throws {
        let benchmark = MemoryBenchmark("checks") {
            Variant("a") { run in
                try run.phase("work") {}
                run.check("rows", 3)
                run.check("parseMillis", 12, informational: true)
                run.check("hits", 1, informational: true)
                run.check("hits", 2)
            }
        }
        let (_, context) = try run(benchmark, "a")
        XCTAssertEqual(context.checks, ["rows": 3, "parseMillis": 12, "hits": 2])
        XCTAssertEqual(context.informationalChecks, ["parseMillis"], "the last recording of a check decides its flag")
        var record = WorkerRecord.probeTest(checks: context.checks)
        XCTAssertNil(record.mustAgreeChecks, "a record from before the rule compares nothing by itself")
        record.informationalChecks = context.informationalChecks.sorted()
        XCTAssertEqual(record.mustAgreeChecks, ["rows": 3, "hits": 2])
    }

    func testAPhaseOutOfOrderOrMissingFailsWithOneClearLine() throws {
        let benchmark = MemoryBenchmark("strict", phases: ["load", "parse"]) {
            Variant("skips") { run in try run.phase("parse") {} }
            Variant("stops") { run in try run.phase("load") {} }
            Variant("nests") { run in try run.phase("load") { try run.phase("parse") {} } }
        }
        XCTAssertThrowsError(try run(benchmark, "skips")) { error in
            XCTAssertEqual("\(error)", "strict skips runs phase parse where it declares phase load (phases: load, parse): declare them in order with phases:")
        }
        XCTAssertThrowsError(try run(benchmark, "stops")) { error in
            XCTAssertEqual("\(error)", "strict stops ran phases load of load, parse: run every declared phase")
        }
        XCTAssertThrowsError(try run(benchmark, "nests")) { error in
            XCTAssertEqual("\(error)", "strict nests begins phase parse inside phase load: phases follow one another")
        }
    }

    func testCatalogCarriesSizesRolesAndBudgets() throws {
        let neutral = MemoryBenchmark("csv-parse", size: 200_000, unit: "rows", budgets: [.peak(atMost: .mebibytes(64))]) {
            Variant("swiftcsv") { _ in }
            Variant("csv-stream", budgets: [.peak(atMost: .mebibytes(8)), .allocations(atMost: 50_000)]) { _ in }
        }
        let description = ScenarioDescription(describing: neutral)
        XCTAssertEqual(description.quickSize, 20_000, "a tenth of the size when not given")
        XCTAssertEqual(description.sizeUnit, "rows")
        XCTAssertEqual(description.summary, "swiftcsv vs csv-stream")
        XCTAssertEqual(description.comparisons, [.alternatives("swiftcsv", "csv-stream")], "two variants are alternatives by default")
        XCTAssertEqual(description.releasePhase, "release")
        XCTAssertEqual(description.reportedPhases, ["work", "release"], "a benchmark's first phase is its own work")
        XCTAssertEqual(description.livePhase, "work")
        XCTAssertEqual(description.variants.map(\.phases), [["work", "release"], ["work", "release"]])
        XCTAssertEqual(description.budgets, [
            Budget(metric: .peak, limit: 64 << 20), Budget(metric: .peak, limit: 8 << 20, variant: "csv-stream"),
            Budget(metric: .allocations, limit: 50_000, variant: "csv-stream"),
        ])
        let decoded = try JSONDecoder().decode(ScenarioDescription.self, from: JSONEncoder().encode(description))
        XCTAssertEqual(decoded, description)

        let fix = MemoryBenchmark("join", size: 5, comparisons: [.fix(pitfall: "collect", fix: "stream"), .control("one", of: "collect")]) {
            Variant("collect") { _ in }
            Variant("stream") { _ in }
            Variant("one") { _ in }
        }
        XCTAssertEqual(fix.quickSize, 1)
        XCTAssertEqual(fix.comparisons.map(\.kind), [.fix, .control])
        XCTAssertEqual(fix.pitfalls, ["collect"], "a control is no pitfall")
        XCTAssertTrue(fix.declarationProblems.isEmpty, "\(fix.declarationProblems)")
    }

    func testComparisonKindsEncodeTheirSidesByNameAndOldCatalogsDecodeAsFixes() throws {
        func json(_ comparison: VariantComparison) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(comparison), as: UTF8.self)
        }
        XCTAssertEqual(try json(.fix(pitfall: "a", fix: "b")), #"{"fix":"b","pitfall":"a"}"#, "a fix is written as before kinds")
        XCTAssertEqual(try json(.alternatives("a", "b")), #"{"candidate":"b","kind":"alternatives","reference":"a"}"#)
        XCTAssertEqual(try json(.control("one", of: "many")), #"{"control":"one","kind":"control","variant":"many"}"#)
        let old = try JSONDecoder().decode(VariantComparison.self, from: Data(#"{"pitfall":"load-all","fix":"batched"}"#.utf8))
        XCTAssertEqual(old, VariantComparison(pitfall: "load-all", fix: "batched"))
        XCTAssertEqual(old.kind, .fix)
        for comparison in [VariantComparison.alternatives("a", "b"), .control("one", of: "many")] {
            XCTAssertEqual(try JSONDecoder().decode(VariantComparison.self, from: Data(try json(comparison).utf8)), comparison)
        }
        XCTAssertThrowsError(try JSONDecoder().decode(VariantComparison.self, from: Data(#"{"kind":"alternatives","pitfall":"a","fix":"b"}"#.utf8)),
                             "an alternatives comparison names its sides reference and candidate")
    }

    func testDeclarationProblemsNameWhatIsWrong() {
        let wrong = MemoryBenchmark("wrong", phases: ["load", "release"], comparisons: [.fix(pitfall: "a", fix: "c")],
                                    budgets: [Budget(metric: .peak, limit: 1, variant: "z"), .allocations(atMost: 0)]) {
            Variant("a") { _ in }
            Variant("a") { _ in }
        }
        XCTAssertEqual(wrong.declarationProblems, [
            "wrong declares the variant a twice",
            "wrong a has the phase release twice (release and verify are added for you)",
            "wrong a has the phase release twice (release and verify are added for you)",
            "wrong compares c, which is not one of its variants: a, a",
            "wrong sets a budget for z, which is not one of its variants: a, a",
            "wrong sets a allocations budget of 0: give a positive limit",
        ])
        let empty = MemoryBenchmark("empty", size: 0) {}
        XCTAssertEqual(empty.declarationProblems, ["empty declares no variants", "empty has size 0 and quick size 1: both positive, quick no larger"])
    }
}
