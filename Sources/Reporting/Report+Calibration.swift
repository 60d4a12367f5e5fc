import Harness

extension Report {
    /// The smallest difference the findings may call beyond noise: the floor `bench doctor
    /// --calibrate` measured on this machine (the largest movement of an empty phase, or the
    /// kernel counters' disagreement with a page walk, at least a page), else the fixed
    /// `Findings.noiseFloorBytes` (1 MiB) when the machine was not calibrated.
    public var noiseFloorBytes: Double {
        calibration.map { Double($0.noiseFloorBytes) } ?? Findings.noiseFloorBytes
    }

    /// Carries the machine's calibration (or none) and derives the findings again with its floor.
    public mutating func attachCalibration(_ figures: CalibrationFigures?) {
        calibration = figures
        findings = Findings.derive(from: self)
    }
}
