import Foundation
import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Suite
@testable import Exec
@testable import Doctor
import Reporting

/// The calibration scenarios in real workers at small sizes, and `bench doctor` as a real
/// process: the instrument measured against answers known in advance.
final class CalibrationScenarioTests: XCTestCase {
    static let mib = 1_048_576

    func calibrationWorker() throws -> CalibrationWorker {
        try WorkerTestSupport.requireWorkers()
        let directory = try WorkerTestSupport.temporaryDirectory(self)
        return CalibrationWorker(workers: WorkerTestSupport.workers, scratchDirectory: directory.appendingPathComponent("scratch").path,
                                 cacheDirectory: directory.appendingPathComponent("cache").path)
    }

    func testKnownSizeOf64MiBMatchesWithin2PercentUnderGlibcAndJemalloc() throws {
        let worker = try calibrationWorker()
        for name in ["glibc", "jemalloc-preload"] {
            let run = try worker.run("known-size", variant: "touched", size: 64, configuration: try WorkerTestSupport.configuration(name))
            XCTAssertTrue(run.verified, name)
            let figure = try Calibrator.knownSize(from: run.record, allocator: name)
            XCTAssertEqual(figure.requestedBytes, 64 * Self.mib)
            XCTAssertLessThanOrEqual(abs(figure.errorPercent), 2, "\(name): delta \(figure.deltaBytes) bytes for 64 MiB")
        }
    }

    func testSpikeOf128MiBIsCaughtByThePhasePeakAndResetForTheNextPhase() throws {
        let worker = try calibrationWorker()
        let run = try worker.run("spike", variant: "spike", size: 128, configuration: try WorkerTestSupport.configuration("glibc"),
                                 intervalMs: 10)
        XCTAssertEqual(run.record.peakMethod, .clearRefs)
        let spike = try Calibrator.spike(from: run.record, allocator: "glibc", intervalMs: 10)
        XCTAssertLessThanOrEqual(abs(spike.peakErrorPercent), 2, "phase peak \(spike.peakDeltaBytes) for a 128 MiB spike")
        // glibc unmaps the block on free: the phase ends near where it started, and the next
        // phase's peak (after its reset) does not carry the spike.
        let phase = try XCTUnwrap(run.record.phase("spike"))
        XCTAssertLessThan(phase.rssBytes - phase.startRssBytes, 8 * Self.mib)
        XCTAssertLessThan(spike.afterPhasePeakDeltaBytes, 8 * Self.mib)
    }

    func testNullPhasesStayUnderTheFloor() throws {
        let worker = try calibrationWorker()
        let run = try worker.run("null", variant: "empty", size: 8, configuration: try WorkerTestSupport.configuration("glibc"))
        XCTAssertEqual(run.record.phases.count, 8)
        for phase in run.record.phases {
            XCTAssertLessThanOrEqual(abs(phase.rssBytes - phase.startRssBytes), CalibrationFigures.floorGoalBytes)
            XCTAssertLessThanOrEqual(phase.peakBytes - phase.startRssBytes, CalibrationFigures.floorGoalBytes)
        }
        XCTAssertNotNil(run.record.checks["statusRssVsPageWalkMaxKiB"])
    }

    func testSamplerOffTakesNoSamples() throws {
        let worker = try calibrationWorker()
        let glibc = try WorkerTestSupport.configuration("glibc")
        let off = try worker.run("cpu-bound", variant: "hash", size: 2, configuration: glibc, sampler: false)
        XCTAssertEqual(off.record.series.samplesTaken, 0)
        XCTAssertNil(off.record.phase("compute")?.sampledPeakBytes)
        let on = try worker.run("cpu-bound", variant: "hash", size: 2, configuration: glibc, sampler: true)
        XCTAssertGreaterThan(on.record.series.samplesTaken, 0)
        // Same work either way: the checked result is identical.
        XCTAssertEqual(on.record.checks["result"], off.record.checks["result"])
    }

    /// A small calibration end to end: measured in real workers, saved in the cache folder, and
    /// carried by the next suite's report, whose findings then use its floor.
    func testSmallCalibrationIsSavedAndCarriedByTheNextReport() throws {
        let worker = try calibrationWorker()
        var plan = Calibrator.Plan()
        plan.nullRuns = 1
        plan.nullPhases = 2
        plan.spikeMiB = 8
        plan.knownSizesMiB = [4]
        plan.knownSizeAllocators = ["glibc"]
        plan.idleMs = 400
        plan.cpuBoundMillions = 1
        plan.cpuBoundPairs = 1
        let figures = try Calibrator(worker: worker, plan: plan, buildConfiguration: "debug", say: { _ in }).measure()
        XCTAssertEqual(figures.floor.phases, 2)
        XCTAssertEqual(figures.spikes.map(\.intervalMs), [1, 10])
        XCTAssertEqual(figures.knownSizes.first?.requestedBytes, 4 * Self.mib)
        XCTAssertLessThanOrEqual(abs(figures.knownSizes.first?.errorPercent ?? 100), 2)
        XCTAssertEqual(Set(figures.overhead.idleCPUPercentByIntervalMs.keys), ["0", "1", "10"])
        XCTAssertEqual(figures.overhead.cpuBoundWallSecondsSamplerOn.count, 1)
        XCTAssertGreaterThan(figures.overhead.workerFloorBytes, 4 * Self.mib)
        XCTAssertTrue(figures.overhead.workerFloorByObject.contains { $0.object.hasPrefix("bench-worker") })
        XCTAssertGreaterThanOrEqual(figures.noiseFloorBytes, pageSize)
        try figures.save(toDirectory: worker.cacheDirectory)

        let reports = try WorkerTestSupport.temporaryDirectory(self)
        let suitePlan = SuiteFile(commandLine: "test", selections: [RunPlan.Selection(scenario: "null", variants: ["empty"], sizes: [2])],
                                  allocators: [try WorkerTestSupport.configuration("glibc")], runs: 1,
                                  options: WorkerExecutor.Options(cacheDirectory: worker.cacheDirectory))
        let session = SuiteSession(plan: suitePlan, executor: WorkerTestSupport.executor(reports, options: suitePlan.runnerOptions),
                                   reportsDirectory: reports, buildConfiguration: "debug", progress: ProgressReporter(enabled: false))
        let outcome = try session.run()
        XCTAssertEqual(outcome.report.calibration, figures)
        XCTAssertEqual(outcome.report.noiseFloorBytes, Double(figures.noiseFloorBytes))
        XCTAssertEqual(CalibrationFigures.load(fromDirectory: outcome.directory.path), figures, "a copy stays with the run")
        let markdown = try String(contentsOf: outcome.directory.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("## Instrument calibration"), markdown)
        XCTAssertTrue(markdown.contains("for this report's findings"), markdown)
        let details = try String(contentsOf: outcome.directory.appendingPathComponent("details.md"), encoding: .utf8)
        XCTAssertTrue(details.contains("The noise floor used for this report's findings is"), details)
    }

    /// Runs the real `bench doctor` beside the test bundle.
    func doctor(_ arguments: [String]) throws -> (code: Int32, output: String) {
        try WorkerTestSupport.requireWorkers()
        let bench = "\(WorkerTestSupport.workers.directory)/bench"
        guard FileManager.default.isExecutableFile(atPath: bench) else { throw XCTSkip("\(bench) not built") }
        let home = try WorkerTestSupport.temporaryDirectory(self)
        let outcome = try ChildProcess(executable: bench, arguments: ["doctor", "--cache-dir", home.path] + arguments,
                                       environment: ["PATH": "/usr/bin:/bin", "HOME": home.path, "LANG": "C.UTF-8"],
                                       timeoutSeconds: 120).run()
        guard case .exited(let code) = outcome.termination else {
            XCTFail("bench doctor \(outcome.terminationDescription)")
            return (-1, "")
        }
        return (code, String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self))
    }

    func testDoctorPassesOnThisMachine() throws {
        let (code, output) = try doctor([])
        XCTAssertEqual(code, 0, output)
        XCTAssertTrue(output.contains("allocator jemalloc-preload"), output)
        XCTAssertTrue(output.contains("peak reset (clear_refs)"), output)
        XCTAssertFalse(output.contains("FAIL"), output)
        XCTAssertTrue(output.contains("Calibration: not measured on this machine"), output)
    }

    func testDoctorFailsWithTheInstallCommandWhenAnAllocatorLibraryIsMissing() throws {
        let empty = try WorkerTestSupport.temporaryDirectory(self)
        let (code, output) = try doctor(["--library-dir", empty.path])
        XCTAssertEqual(code, 1, output)
        XCTAssertTrue(output.contains("FAIL  allocator jemalloc-preload"), output)
        XCTAssertTrue(output.contains("apt-get install -y libjemalloc2"), output)
    }
}
