/// How often RSS is sampled as a run goes on, for the worker's sampler and for `bench exec`'s
/// reading from outside: the requested interval at first, then backing off with the run's
/// length (at least a thousandth of the time elapsed, at most one second), so a long run costs
/// next to nothing and keeps about 1,000 samples per tenfold of its length (a 30-minute run
/// about 9,000). Peaks stay exact: they come from the kernel's high-water mark (VmHWM, reset at
/// each phase), not from the samples; only the chart's resolution and the sampled maxima of a
/// process tree get coarser.
public enum SamplingSchedule {
    /// The interval is at least the elapsed time over this.
    public static let backOffDivisor = 1_000.0
    /// The back-off stops here (a requested interval above it is kept).
    public static let longestBackOffSeconds = 1.0

    /// The interval to wait after a sample taken `elapsedSeconds` into the run.
    public static func intervalSeconds(requested: Double, elapsedSeconds: Double) -> Double {
        max(requested, min(elapsedSeconds / backOffDivisor, longestBackOffSeconds))
    }
}
