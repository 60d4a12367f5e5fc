#if canImport(Glibc)
import Glibc
#endif
import MemoryProbe

/// RSS checkpoints through the threaded variants' idle time: one phase per checkpoint, named
/// for its idle time (`settle-0.5s`, `settle-1s`, …), then the final `settle`, so every
/// configuration's RSS is read at the same idle times within one run and `settle` stays the
/// comparable settled figure the verdicts use.
extension ThreadedChurn {
    /// The checkpoints offered by default, in seconds of idling; those at or past the settle
    /// time are left out. 0.5 s is where glibc has settled; 1, 2 and 5 s show jemalloc's decay
    /// (10 s by default, purged only by its background thread while the program idles).
    public static let defaultSettleCheckpoints = [0.5, 1, 2, 5]

    /// The phase that ends `seconds` into the idle time.
    public static func checkpointPhase(_ seconds: Double) -> String {
        "settle-\(formatSeconds(seconds))s"
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))" : "\(seconds)"
    }

    /// The checkpoints of `variant`: threaded variants only (the single thread is the control),
    /// from `--param settle-checkpoints=0.5,2` (`none` for none) or the defaults, each before `settle`.
    static func settleCheckpoints(variant: String, settle: Double, context: RunContext) throws -> [Double] {
        guard variant.hasPrefix("threaded") else { return [] }
        var checkpoints = defaultSettleCheckpoints
        if let text = context.parameters["settle-checkpoints"] {
            checkpoints = []
            for part in text.split(separator: ",") where text != "none" {
                guard let value = Double(part.trimmingCharacters(in: .whitespaces)), value > 0 else {
                    throw ScenarioCheckFailed("settle-checkpoints=\(text): give seconds separated by commas (e.g. 0.5,2), or none")
                }
                checkpoints.append(value)
            }
        }
        return Array(Set(checkpoints.filter { $0 < settle })).sorted()
    }

    /// Idles until `deadline` (monotonic seconds): the threads tick on their own; without
    /// threads this thread ticks.
    static func idle(until deadline: Double, threaded: Bool) {
        while monotonicSeconds() < deadline {
            if threaded { usleep(10_000) } else { idleTick() }
        }
    }
}
