extension Verdict {
    /// The verdict of a comparison of exact counts (allocations), decided by the runs' ranges
    /// against an absolute threshold rather than by a test: `floor` is the threshold.
    public static func exactCounts(kind: Kind, effect: Double, floor: Double, reference: (count: Int, median: Double),
                                   candidate: (count: Int, median: Double)) -> Verdict {
        Verdict(exactCounts: kind, effect: effect, floor: floor, reference: reference, candidate: candidate)
    }

    init(exactCounts kind: Kind, effect: Double, floor: Double, reference: (count: Int, median: Double), candidate: (count: Int, median: Double)) {
        self.kind = kind
        self.effect = effect
        interval = nil
        self.floor = floor
        // Exact counts have no noise: the threshold is both the floor and the margin.
        margin = floor
        p = kind == .beyondNoise ? 0 : 1
        adjustedP = p
        referenceRuns = reference.count
        candidateRuns = candidate.count
        referenceMedian = reference.median
        candidateMedian = candidate.median
        method = "exact counts: the runs' ranges against an absolute threshold"
        smallestDetectableEffect = floor
        additionalRunsPerSide = nil
    }
}
