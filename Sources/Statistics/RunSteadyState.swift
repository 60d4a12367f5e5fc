/// One service run's steady state, from its RSS series over the measured window: where the
/// warm-up ends (`WarmupDetection`, MSER about a line on equal time bins: the steady state is a
/// constant slope, zero or not), and after it the creep (the slope, with an interval from batch
/// means: `BatchMeansTrend`), the plateau (the mean RSS after the warm-up; for a creep, its
/// level at the middle of what is kept) and the final level.
///
/// The series is first averaged into `bins` equal spans of time, so that a thinned series (the
/// recorder keeps each bucket's largest reading) and a series sampled at a backed-off interval
/// are read the same way, and the warm-up is found on a time axis, not an index.
public struct RunSteadyState: Codable, Sendable, Equatable {
    /// Which run of its cell (its repetition), set by the caller; 0 when unknown.
    public var repetition: Int
    /// The measured window's length.
    public var windowSeconds: Double
    /// From the window's start to the end of the warm-up MSER found; when it found none (RSS
    /// still bending in the second half), half the window: the second half's figures are given,
    /// but a configuration with such a run gets no creep verdict (`SteadyStateSummary`).
    public var warmupSeconds: Double
    public var warmupFound: Bool
    /// Mean RSS after the warm-up, bytes.
    public var plateauBytes: Double
    /// RSS at the window's end, bytes.
    public var finalBytes: Double
    /// The slope after the warm-up, and its standard error (nil: no interval) with its degrees
    /// of freedom, per minute.
    public var slopeBytesPerMinute: Double
    public var slopeStandardErrorBytesPerMinute: Double?
    public var slopeDegreesOfFreedom: Double
    /// Requests served in the window, when the run knows.
    public var requests: Int?

    /// What the creep adds over a whole window at this slope: the run's creep figure that
    /// configurations are compared on (bytes, like every other figure a verdict reads).
    public var creepOverWindowBytes: Double { slopeBytesPerMinute * windowSeconds / 60 }

    public var requestsPerSecond: Double? {
        guard let requests, windowSeconds > 0 else { return nil }
        return Double(requests) / windowSeconds
    }

    public static let bins = 100
    /// Fewer samples in the window than this and there is no steady state to tell.
    public static let minimumSamples = 20

    /// nil when the window has fewer than `minimumSamples` samples or no length. `finalBytes`:
    /// the window's last reading when the caller has an exact one (a phase's end), else the
    /// last sample's.
    public init?(seconds: [Double], bytes: [Double], windowStart: Double, windowEnd: Double,
                 finalBytes: Double? = nil, requests: Int? = nil, repetition: Int = 0) {
        let window = windowEnd - windowStart
        let inside = zip(seconds, bytes).filter { $0.0 >= windowStart && $0.0 <= windowEnd }
        guard window > 0, inside.count >= Self.minimumSamples, let last = inside.last?.1 else { return nil }
        let bins = Self.binned(inside, start: windowStart, end: windowEnd, count: min(Self.bins, inside.count / 2))
        guard let truncation = WarmupDetection.mser(times: bins.map(\.seconds), values: bins.map(\.bytes)) else { return nil }
        // No steady state found: the second half is still what the window ended on.
        let first = truncation.found ? truncation.index : bins.count / 2
        let steady = Array(bins[first...])
        guard let plateau = Sample.mean(steady.map(\.bytes)),
              let trend = BatchMeansTrend(x: steady.map(\.seconds), y: steady.map(\.bytes))
        else { return nil }
        self.repetition = repetition
        windowSeconds = window
        warmupSeconds = max(0, (bins[first].start) - windowStart)
        warmupFound = truncation.found
        plateauBytes = plateau
        self.finalBytes = finalBytes ?? last
        slopeBytesPerMinute = trend.slope * 60
        slopeStandardErrorBytesPerMinute = trend.standardError.map { $0 * 60 }
        slopeDegreesOfFreedom = trend.degreesOfFreedom
        self.requests = requests
    }

    /// The points averaged in `count` equal spans of [start, end]; empty spans are left out.
    static func binned(_ points: [(Double, Double)], start: Double, end: Double, count: Int)
        -> [(start: Double, seconds: Double, bytes: Double)] {
        let width = (end - start) / Double(max(1, count))
        var sums = [(seconds: Double, bytes: Double, n: Int)](repeating: (0, 0, 0), count: max(1, count))
        for (time, value) in points {
            let index = min(sums.count - 1, max(0, Int((time - start) / width)))
            sums[index].seconds += time
            sums[index].bytes += value
            sums[index].n += 1
        }
        return sums.enumerated().compactMap { index, sum in
            sum.n == 0 ? nil : (start + Double(index) * width, sum.seconds / Double(sum.n), sum.bytes / Double(sum.n))
        }
    }
}
