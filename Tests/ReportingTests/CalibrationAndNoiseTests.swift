import XCTest
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Reporting

/// Calibration figures in reports, the calibrated noise floor and noise warnings, on synthetic data.
final class CalibrationAndNoiseTests: XCTestCase {
    static let kib = Fixtures.kib
    static let mib = Fixtures.mib

    /// A run whose only phase peaks `peakBytes` over a 20 MiB baseline and takes `wallSeconds`.
    func run(_ variant: String, repetition: Int, peakBytes: Int, wallSeconds: Double = 1) -> RunResult {
        let record = WorkerRecord.fixture(scenario: "load-all-vs-batched", variant: variant, size: 1000,
                                          phases: [.fixture("export", wallSeconds: wallSeconds, peakBytes: peakBytes, endBytes: peakBytes, sampledPeak: false)])
        return .fixture(record, allocator: "glibc", repetition: repetition)
    }

    func report(_ results: [RunResult], calibration: CalibrationFigures? = nil) -> Report {
        ReportFixtures.build(results, calibration: calibration)
    }

    func figures(noiseFloorBytes: Int) -> CalibrationFigures {
        CalibrationFigures(
            schemaVersion: CalibrationFigures.currentSchemaVersion, measuredAt: "2026-11-23T13:00:00Z", kernel: "6.18",
            buildConfiguration: "release",
            floor: .init(phases: 24, largestRssDeltaBytes: 80 * Self.kib, largestPeakDeltaBytes: 80 * Self.kib, medianRssDeltaBytes: 0),
            counterPrecision: .init(statusVsPageWalkMaxKiB: 0, hwmAfterResetVsRssMaxKiB: 0),
            spikes: [.init(allocator: "glibc", intervalMs: 10, spikeBytes: 256 * Self.mib, peakDeltaBytes: 256 * Self.mib + 4096,
                           sampledPeakDeltaBytes: 200 * Self.mib, afterPhasePeakDeltaBytes: 0, heldAfterTouchMicros: 300)],
            knownSizes: [.init(allocator: "jemalloc-preload", requestedBytes: 16 * Self.mib, deltaBytes: 16 * Self.mib + 200 * Self.kib)],
            overhead: .init(idleCPUPercentByIntervalMs: ["1": 0.8, "10": 0.1, "0": 0], cpuBoundWallSecondsSamplerOn: [1.01, 1.02],
                            cpuBoundWallSecondsSamplerOff: [1.0, 1.01], workerFloorBytes: 20 * Self.mib, workerFloorAnonBytes: 2 * Self.mib,
                            workerFloorFileBytes: 18 * Self.mib,
                            workerFloorByObject: [.init(object: "libFoundation.so", residentBytes: 9 * Self.mib)], processRunSeconds: [0.02]),
            noiseFloorBytes: noiseFloorBytes)
    }

    func testTheCalibratedFloorNeverLowersTheBarBelowTheWorkloadsOwnNoise() throws {
        // Runs that vary by ±200 KiB: a 0.5 MiB difference is under 5 σ of the workload, so it is
        // not beyond noise even though the instrument is exact to 8 KiB; 5 MiB is.
        func results(fixMiB: Int) -> [RunResult] {
            var out: [RunResult] = []
            for (repetition, step) in [(1, -2), (2, 0), (3, 2)] {
                out.append(run("load-all", repetition: repetition, peakBytes: 20 * Self.mib + step * 100 * Self.kib))
                out.append(run("batched", repetition: repetition, peakBytes: 20 * Self.mib - fixMiB * Self.mib / 10 + step * 100 * Self.kib))
            }
            return out
        }
        let calibration = figures(noiseFloorBytes: 8 * Self.kib)
        let small = report(results(fixMiB: 5), calibration: calibration)
        XCTAssertEqual(small.noiseFloorBytes, Double(8 * Self.kib))
        let smallFix = try XCTUnwrap(small.comparisons.first { $0.kind == .fix })
        XCTAssertGreaterThan(smallFix.verdict.floor, 500 * Double(Self.kib), "5 σ of the runs' own spread, not the instrument's 8 KiB")
        XCTAssertNotEqual(smallFix.verdict.kind, .beyondNoise)
        let large = report(results(fixMiB: 50), calibration: calibration)
        XCTAssertEqual(large.comparisons.first { $0.kind == .fix }?.verdict.kind, .beyondNoise)
        XCTAssertEqual(large.findings.first { $0.kind == .fix }?.beyondNoise, true)
    }

    func testNoiseWarningNamesTheCellWhoseRunsDisagree() {
        var results: [RunResult] = []
        for (repetition, peak) in [(1, 100), (2, 130), (3, 100)] {
            results.append(run("load-all", repetition: repetition, peakBytes: peak * Self.mib))
            results.append(run("batched", repetition: repetition, peakBytes: 5 * Self.mib))
        }
        let report = report(results)
        let warnings = NoiseWarnings.derive(from: report)
        XCTAssertEqual(warnings.map(\.cell.variant), ["load-all"])
        XCTAssertEqual(warnings.first?.metric, "peak")
        XCTAssertEqual(warnings.first?.coefficientOfVariationPercent ?? 0, 15.75, accuracy: 0.01)
        XCTAssertTrue(MarkdownReport.render(report).contains("## Noise"))
        // Every warning is in the details file; the main report lists only those a verdict uses.
        let markdown = MarkdownReport.renderDetails(report)
        XCTAssertTrue(markdown.contains("1 figure(s) vary by more than 5 %"), markdown)
        XCTAssertTrue(markdown.contains("load-all-vs-batched `load-all` × glibc at 1,000: peak over baseline varies by 15.7 %"), markdown)
    }

    func testSpreadWithinTheFloorOrSingleRunsGiveNoWarning() {
        // 3 % of a tiny peak is far below the floor; one run has no spread at all.
        let steady = [1, 2].map { run("batched", repetition: $0, peakBytes: 100 * Self.kib + $0 * 3 * Self.kib) }
        XCTAssertTrue(NoiseWarnings.derive(from: report(steady)).isEmpty)
        XCTAssertNil(NoiseWarnings.coefficientOfVariation([5]))
        let markdown = MarkdownReport.render(report([run("load-all", repetition: 1, peakBytes: Self.mib)]))
        XCTAssertFalse(markdown.contains("## Noise"))
    }

    func testReportSaysCalibrationWasNotMeasured() {
        let markdown = MarkdownReport.render(report([run("load-all", repetition: 1, peakBytes: Self.mib)]))
        XCTAssertTrue(markdown.contains("## Instrument calibration"))
        XCTAssertTrue(markdown.contains("Not measured on this machine: run `bench doctor --calibrate`"), markdown)
    }

    func testCalibrationRoundTripsThroughTheCacheFolderIntoTheReport() throws {
        let directory = NSTemporaryDirectory() + "calibration-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertNil(CalibrationFigures.load(fromDirectory: directory))
        let saved = figures(noiseFloorBytes: 80 * Self.kib)
        try saved.save(toDirectory: directory)
        let loaded = try XCTUnwrap(CalibrationFigures.load(fromDirectory: directory))
        XCTAssertEqual(loaded, saved)
        let report = report([run("load-all", repetition: 1, peakBytes: Self.mib)], calibration: loaded)
        XCTAssertTrue(MarkdownReport.render(report).contains("noise floor 80 KiB for this report's findings"))
        let markdown = MarkdownReport.renderDetails(report)
        XCTAssertTrue(markdown.contains("The noise floor used for this report's findings is 80 KiB"), markdown)
        // The 16 MiB jemalloc block was 1.2 % over: the goal column says so.
        XCTAssertTrue(markdown.contains("| known-size 16 MiB, jemalloc-preload | phase delta +16.2 MiB (+1.22 %) | **no** |"), markdown)
        XCTAssertTrue(markdown.contains("sampler's maximum +200.0 MiB (-21.88 %)"), markdown)
        let decoded = try JSONDecoder().decode(Report.self, from: JSONEncoder().encode(report))
        XCTAssertEqual(decoded.calibration, saved)
    }
}
