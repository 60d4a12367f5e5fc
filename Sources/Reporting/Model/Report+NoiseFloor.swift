import Foundation
import BenchModel
import Statistics

extension Report {
    /// The floor without calibration: the kernel's RSS counters are per-CPU and may not be
    /// page-exact, and a worker's own bookkeeping can move by a few hundred KiB.
    public static let defaultNoiseFloorBytes = 1_048_576.0

    /// The smallest difference the findings may call beyond noise: the floor `bench doctor
    /// --calibrate` measured on this machine (the largest error it saw against a known answer,
    /// at least a page), else `defaultNoiseFloorBytes` (1 MiB) when the machine was not
    /// calibrated.
    public var noiseFloorBytes: Double {
        calibration.map { Double($0.noiseFloorBytes) } ?? Report.defaultNoiseFloorBytes
    }

    /// The constants that turn statistics into verdicts, with this report's instrument floor
    /// (calibrated, or the 1 MiB default) as the lower bound of every floor and σ.
    public var verdictPolicy: VerdictPolicy { VerdictPolicy(instrumentFloorBytes: noiseFloorBytes) }
}
