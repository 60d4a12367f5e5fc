#if canImport(Glibc)
import Glibc
#endif

/// Allocation counts over an interval: what the counting library (libbench-count.so, preloaded
/// first in counted runs) saw between two readings.
public struct AllocationCounts: Codable, Sendable, Equatable {
    /// Successful malloc, calloc, memalign-family calls and realloc(NULL, n).
    public var mallocs: Int
    /// free(p) with p != NULL, and realloc(p, 0) that freed.
    public var frees: Int
    /// realloc(p, n) with p != NULL.
    public var reallocs: Int
    /// The sizes asked for (realloc: the new size).
    public var bytesRequested: Int

    public init(mallocs: Int, frees: Int, reallocs: Int, bytesRequested: Int) {
        self.mallocs = mallocs
        self.frees = frees
        self.reallocs = reallocs
        self.bytesRequested = bytesRequested
    }

    /// Blocks the interval left allocated: mallocs − frees (negative when it freed older ones).
    public var stillAllocated: Int { mallocs - frees }

    /// The counts from `start` to `self`.
    public func since(_ start: AllocationCounts) -> AllocationCounts {
        AllocationCounts(mallocs: mallocs &- start.mallocs, frees: frees &- start.frees,
                         reallocs: reallocs &- start.reallocs, bytesRequested: bytesRequested &- start.bytesRequested)
    }
}

/// Reads the counting library's totals, found with dlsym as jemalloc's mallctl is; absent (nil
/// readings) in every uncounted run. A reading allocates nothing.
public struct AllocationCounter: @unchecked Sendable {
    typealias Totals = @convention(c) (UnsafeMutablePointer<UInt64>) -> Void
    private let totals: Totals?

    public init() { totals = lookup("memorybench_count_totals", as: Totals.self) }

    public var isAvailable: Bool { totals != nil }

    /// The process's totals since it started (or forked), nil without the counting library.
    public func read() -> AllocationCounts? {
        guard let totals else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            if let base = raw.baseAddress?.assumingMemoryBound(to: UInt64.self) { totals(base) }
        }
        return AllocationCounts(mallocs: Int(truncatingIfNeeded: words.0), frees: Int(truncatingIfNeeded: words.1),
                                reallocs: Int(truncatingIfNeeded: words.2), bytesRequested: Int(truncatingIfNeeded: words.3))
    }
}
