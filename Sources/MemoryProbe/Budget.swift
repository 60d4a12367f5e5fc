/// A limit a scenario sets on one figure of its runs, declared beside the code it measures
/// (as pytest-memray's `limit_memory("24 MB")` or package-benchmark's thresholds):
///
///     budgets: [.peak(atMost: .mebibytes(8)), .afterRelease(atMost: .mebibytes(2))]
///
/// The worker only carries it (in the catalog); the report decides whether runs exceed it, with
/// the same statistics as its comparisons (exceeded only beyond noise).
public struct Budget: Sendable, Codable, Equatable, Hashable {
    public enum Metric: String, Sendable, Codable, CaseIterable {
        /// The run's peak RSS over its baseline (the process before the first phase), in bytes:
        /// `WorkerRecord.peakBytes` − `baseline.status.rssBytes`.
        case peak
        /// RSS at the end of the scenario's release phase over the baseline, in bytes.
        case afterRelease
        /// Allocations made in the workload's phases (counted runs only), a count.
        case allocations

        /// Bytes for `peak` and `afterRelease`, a plain count for `allocations`.
        public var isBytes: Bool { self != .allocations }
    }

    public var metric: Metric
    /// The most the figure may be: bytes, or allocations.
    public var limit: Int
    /// The variant it applies to; nil: every variant of the scenario.
    public var variant: String?

    public init(metric: Metric, limit: Int, variant: String? = nil) {
        self.metric = metric
        self.limit = limit
        self.variant = variant
    }

    public static func peak(atMost limit: ByteCount) -> Budget { Budget(metric: .peak, limit: limit.bytes) }
    public static func afterRelease(atMost limit: ByteCount) -> Budget { Budget(metric: .afterRelease, limit: limit.bytes) }
    public static func allocations(atMost count: Int) -> Budget { Budget(metric: .allocations, limit: count) }

    /// The same budget for one variant.
    public func applying(to variant: String) -> Budget {
        Budget(metric: metric, limit: limit, variant: variant)
    }
}

/// A number of bytes, written with its unit: `.mebibytes(8)`, `.kibibytes(512)`.
public struct ByteCount: Sendable, Equatable, Hashable {
    public var bytes: Int

    public init(bytes: Int) { self.bytes = bytes }

    public static func bytes(_ count: Int) -> ByteCount { ByteCount(bytes: count) }
    public static func kibibytes(_ count: Int) -> ByteCount { ByteCount(bytes: count << 10) }
    public static func mebibytes(_ count: Int) -> ByteCount { ByteCount(bytes: count << 20) }
    public static func gibibytes(_ count: Int) -> ByteCount { ByteCount(bytes: count << 30) }
}
