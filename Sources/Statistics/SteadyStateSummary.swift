/// A configuration's steady state over its runs: the median warm-up, plateau and final level, the
/// creep's slope with its interval, and whether it creeps, falls or is flat, decided against a
/// margin that does not grow with the noise.
///
/// The interval: with two runs or more, the runs are the replicates (each run's slope is one
/// independent value; t with runs − 1 degrees of freedom), the honest unit when samples a
/// millisecond apart are not independent. Its standard error is at least the runs' own
/// batch-means one over √runs, so two runs that happen to agree do not make the slope exact.
/// A single run has only its batch-means interval (`BatchMeansTrend`).
///
/// The verdict, like the sweeps' (`GrowthTrend`), on what the slope adds over a window of the
/// runs' length: *creeps* (`.grows`) when the interval excludes zero and that growth exceeds the
/// margin; *falls* (`.shrinks`) the other way; *flat* only when even the interval's extreme
/// adds less than the margin; otherwise *undecided* (`.noClearTrend`), as with no interval, and
/// as when any run was still bending at its window's end (no steady state found): a slope
/// measured on a warm-up that outlasts the window is not a creep, and such a window cannot tell
/// the two apart (the 2-second soak's "creep" was 180–350 times its 5-minute runs').
/// The margin is chosen before the noise is seen (the instrument's floor, a share of the plateau:
/// `VerdictPolicy`'s equivalence margin), so a noisy series is undecided, never "flat".
public struct SteadyStateSummary: Codable, Sendable, Equatable {
    public var runs: [RunSteadyState]
    /// Medians over the runs.
    public var warmupSeconds: Double
    public var windowSeconds: Double
    public var plateauBytes: Double
    public var finalBytes: Double
    /// Runs whose warm-up MSER found in the first half of the window.
    public var warmupFoundRuns: Int
    /// The mean of the runs' slopes, and its (1 − alpha) interval (nil: too few degrees of freedom).
    public var slopeBytesPerMinute: Double
    public var slopeIntervalBytesPerMinute: Interval?
    public var slopeDegreesOfFreedom: Double
    /// How the interval was made, in words.
    public var intervalMethod: String
    /// Median requests served in the window and per second, when the runs know.
    public var requests: Int?
    public var requestsPerSecond: Double?
    /// The slope and its interval per 1,000 requests, at the median rate (nil: requests unknown).
    public var slopeBytesPerThousandRequests: Double?
    public var slopeIntervalBytesPerThousandRequests: Interval?
    public var marginBytes: Double
    public var creep: GrowthTrend.Kind

    /// nil without runs. `margin`: bytes over a window that "flat" must stay within (and
    /// "creeps" exceed).
    public init?(runs: [RunSteadyState], margin: Double, alpha: Double = 0.05) {
        guard !runs.isEmpty, let slope = Sample.mean(runs.map(\.slopeBytesPerMinute)),
              let window = Sample.median(runs.map(\.windowSeconds)) else { return nil }
        self.runs = runs
        warmupSeconds = Sample.median(runs.map(\.warmupSeconds)) ?? 0
        windowSeconds = window
        plateauBytes = Sample.median(runs.map(\.plateauBytes)) ?? 0
        finalBytes = Sample.median(runs.map(\.finalBytes)) ?? 0
        warmupFoundRuns = runs.filter(\.warmupFound).count
        slopeBytesPerMinute = slope
        let counts = runs.compactMap(\.requests).map(Double.init)
        requests = counts.count == runs.count ? Sample.median(counts).map { Int($0.rounded()) } : nil
        let rates = runs.compactMap(\.requestsPerSecond)
        let rate = rates.count == runs.count ? Sample.median(rates) : nil
        requestsPerSecond = rate
        marginBytes = margin

        let (standardError, degreesOfFreedom, method) = Self.standardError(runs)
        slopeDegreesOfFreedom = degreesOfFreedom
        intervalMethod = method
        if let standardError, degreesOfFreedom >= 1 {
            let t = StudentT.criticalValue(twoSidedP: alpha, degreesOfFreedom: degreesOfFreedom)
            slopeIntervalBytesPerMinute = Interval(lower: slope - t * standardError, upper: slope + t * standardError)
        } else {
            slopeIntervalBytesPerMinute = nil
        }
        creep = warmupFoundRuns < runs.count ? .noClearTrend
            : Self.kind(slope: slope, interval: slopeIntervalBytesPerMinute, windowMinutes: window / 60, margin: margin)
        // Per 1,000 requests at the median rate.
        let perThousand = rate.flatMap { $0 > 0 ? 1000 / 60 / $0 : nil }
        slopeBytesPerThousandRequests = perThousand.map { slope * $0 }
        slopeIntervalBytesPerThousandRequests = perThousand.flatMap { scale in
            slopeIntervalBytesPerMinute.map { Interval(lower: $0.lower * scale, upper: $0.upper * scale) }
        }
    }

    /// The slope's standard error (per minute), its degrees of freedom and the method's name.
    static func standardError(_ runs: [RunSteadyState]) -> (Double?, Double, String) {
        let within = runs.compactMap(\.slopeStandardErrorBytesPerMinute)
        if runs.count >= 2, let variance = Sample.variance(runs.map(\.slopeBytesPerMinute)) {
            let n = Double(runs.count)
            let between = (variance / n).squareRoot()
            // The runs' own batch-means error, pooled (root mean square) and over √n.
            let own = within.count == runs.count ? (within.map { $0 * $0 }.reduce(0, +) / n).squareRoot() / n.squareRoot() : 0
            return (max(between, own), n - 1, "\(runs.count) runs as replicates")
        }
        guard let run = runs.first, let error = run.slopeStandardErrorBytesPerMinute else {
            return (nil, 0, "one run, its batch means too correlated (or too few) for an interval")
        }
        return (error, run.slopeDegreesOfFreedom, "one run: batch means (\(BatchMeansTrend.defaultBatches) batches, lag-1 correlation taken out)")
    }

    static func kind(slope: Double, interval: Interval?, windowMinutes: Double, margin: Double) -> GrowthTrend.Kind {
        guard let interval else { return .noClearTrend }
        let growth = slope * windowMinutes
        if interval.lower > 0 && growth > margin { return .grows }
        if interval.upper < 0 && -growth > margin { return .shrinks }
        if max(abs(interval.lower), abs(interval.upper)) * windowMinutes < margin { return .flat }
        return .noClearTrend
    }

    /// What the slope adds over the window, bytes.
    public var creepOverWindowBytes: Double { slopeBytesPerMinute * windowSeconds / 60 }
}
