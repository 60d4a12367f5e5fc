/// The constants that turn statistics into verdicts, chosen on the reference suite
/// (Reports/reference/results.jsonl, see `ReferenceDataTests` and scripts/extract-run-metrics.py).
public struct VerdictPolicy: Codable, Sendable, Equatable {
    /// Family-wise error rate over every comparison of a report (Holm) or, with `.benjaminiHochberg`,
    /// the false discovery rate. 0.05 is the "at most 1 suite in 20".
    public var alpha: Double
    /// How the p-values of a report are adjusted for the number of comparisons.
    public var adjustment: MultipleComparisons.Method
    /// k in floor = max(instrument, k × σ_workload, relative × |reference median|).
    ///
    /// Why 5: a difference of 3σ or 4σ between two sets of three runs still turns up too often
    /// in A/A resampling of the reference suite (8–10 % and 6–7 % of synthetic suites with a
    /// false twin finding), because the workloads' noise is lumpy: one run in a cell lands
    /// 3–5 % away (an outlier, a 64 KiB heap step), and three runs can all land there. At 5σ the
    /// rate is ≈ 2 % while every large effect of the issue is still 10× above the floor.
    public var workloadSigmaMultiplier: Double
    /// The relative part of the floor: differences under 2 % of the reference median are not
    /// worth a verdict even when they are systematic (35.4 vs 35.5 MiB was one such "finding").
    public var relativeFloor: Double
    /// The instrument's resolution in bytes (calibration): a lower bound for the floor (and,
    /// divided by k, for the per-comparison σ), never a replacement for the workload's variation.
    public var instrumentFloorBytes: Double
    /// "undecided: N more runs" is capped here; beyond it the answer is "more runs won't decide".
    public var maximumRunsPerSide: Int
    /// A cell's own variance replaces its workload's pooled variance when an F test finds it
    /// larger at this level (see `DifferenceTest`). Why 1 %: in 24 recorded default suites,
    /// glibc's bimodal after-release cell in `threaded` (runs on 9–42 MiB modes) passed a 5 % test
    /// by chance in 2 suites and hid jemalloc's 5× effect; at 1 % none did, and no twin or
    /// one-thread arena-limit finding appeared at either level.
    public var noisyCellLevel: Double
    /// The relative part of the equivalence margin (`equivalenceMargin`): the user's
    /// `--threshold`, 2 % (the relative floor) unless given.
    public var relativeMargin: Double

    public init(
        alpha: Double = 0.05, adjustment: MultipleComparisons.Method = .holm,
        workloadSigmaMultiplier: Double = 5, relativeFloor: Double = 0.02,
        instrumentFloorBytes: Double = 8192, maximumRunsPerSide: Int = 30, noisyCellLevel: Double = 0.01,
        relativeMargin: Double? = nil
    ) {
        self.alpha = alpha
        self.adjustment = adjustment
        self.workloadSigmaMultiplier = workloadSigmaMultiplier
        self.relativeFloor = relativeFloor
        self.instrumentFloorBytes = instrumentFloorBytes
        self.maximumRunsPerSide = maximumRunsPerSide
        self.noisyCellLevel = noisyCellLevel
        self.relativeMargin = relativeMargin ?? relativeFloor
    }

    public static let `default` = VerdictPolicy()

    /// The smallest difference worth a verdict. A reference median of 0 leaves the other two
    /// terms, so such a comparison is still judged, never skipped.
    public func practicalFloor(workloadSigma: Double, referenceMedian: Double) -> Double {
        max(instrumentFloorBytes, workloadSigmaMultiplier * workloadSigma, relativeFloor * abs(referenceMedian))
    }

    /// The equivalence margin: how close two figures must be shown to be before a report may say
    /// "no difference". Chosen before looking at the noise (the instrument's resolution, a share
    /// of the reference, the user's threshold), so that wide noise cannot widen it: a margin
    /// that grew with σ would turn "we could not tell" into "no difference" (issue 23).
    public func equivalenceMargin(referenceMedian: Double) -> Double {
        max(instrumentFloorBytes, relativeMargin * abs(referenceMedian))
    }
}
