import Foundation
import BenchModel

extension Findings {
    /// The floor without calibration: the kernel's RSS counters are per-CPU and may not be
    /// page-exact, and a worker's own bookkeeping can move by a few hundred KiB.
    public static let defaultNoiseFloorBytes = 1_048_576.0

    /// The calibrated floor, set only while `Report.attachCalibration` derives findings.
    @TaskLocal static var calibratedNoiseFloorBytes: Double?
}

extension Report {
    /// The smallest difference the findings may call beyond noise: the floor `bench doctor
    /// --calibrate` measured on this machine (the largest error it saw against a known answer,
    /// at least a page), else `Findings.defaultNoiseFloorBytes` (1 MiB) when the machine was
    /// not calibrated.
    public var noiseFloorBytes: Double {
        calibration.map { Double($0.noiseFloorBytes) } ?? Findings.defaultNoiseFloorBytes
    }

    /// Attaches the calibration saved in the cache folder (by `bench doctor --calibrate`) and
    /// keeps a copy in the run folder, so that re-rendering the folder later finds the figures
    /// the suite ran with, not whatever the cache holds by then.
    public mutating func attachCalibration(cacheDirectory: String, runDirectory: URL) throws {
        let figures = CalibrationFigures.load(fromDirectory: cacheDirectory)
        try figures?.save(toDirectory: runDirectory.path)
        attachCalibration(figures)
    }

    /// Carries the machine's calibration (or none) and derives the findings again with its floor.
    public mutating func attachCalibration(_ figures: CalibrationFigures?) {
        calibration = figures
        let floor = noiseFloorBytes
        let report = self
        findings = Findings.$calibratedNoiseFloorBytes.withValue(floor) { Findings.derive(from: report) }
    }
}
