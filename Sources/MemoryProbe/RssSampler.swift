#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import CMalloc

/// Records the process's RSS over time on its own thread.
///
/// Every buffer is allocated before sampling starts and the loop only `pread`s the kept-open
/// `/proc/self/statm`, parses digits in place and stores two integers, so the sampler never
/// allocates (an allocating sampler would measure itself). The interval backs off with the run's
/// length (`SamplingSchedule`); when the buffer fills anyway, each pair of samples is merged into
/// its larger one and the interval doubles, so a long run keeps its whole shape and its sampled
/// peak.
///
/// The main thread reads the buffer while the sampler writes it (`maximum(from:to:)` at a
/// phase end). A sample is one 64-bit word (its time and its RSS together), so no reader sees
/// a time with another sample's RSS, and thinning moves words under a sequence counter (odd
/// while it runs): a reader that overlapped a thinning reads again.
public final class RssSampler: @unchecked Sendable {
    public let capacity: Int
    /// Each sample: offset in microseconds since the origin (high 32 bits), RSS in KiB (low 32).
    let packed: UnsafeMutablePointer<UInt64>
    let statm: ProcFile
    let count = Atomic<Int>(0)
    /// Odd while the sampler thins the buffer; bumped twice per thinning.
    let thinnings = Atomic<Int>(0)
    let stopRequested = Atomic<Bool>(false)
    /// Written by the sampler thread only; read after `stop()` joins it. `intervalNanos` is the
    /// floor (the request, doubled at each thinning); `lastIntervalNanos` the one last waited.
    var intervalNanos: Int
    var lastIntervalNanos: Int
    let requestedIntervalNanos: Int
    let originSeconds: Double
    var thread: pthread_t? = nil
    let pageKiB: UInt32
    static let longestIntervalNanos = 10_000_000_000

    /// - Parameters:
    ///   - intervalMs: the time between samples (at least 0.05 ms).
    ///   - capacity: samples kept before the series is thinned (default: 1 minute at 1 ms).
    public init?(intervalMs: Double, capacity: Int = 65_536) {
        guard let statm = ProcFile(path: "/proc/self/statm", capacity: 256) else { return nil }
        self.statm = statm
        self.capacity = max(16, capacity & ~1)
        self.intervalNanos = max(50_000, Int(intervalMs * 1_000_000))
        self.requestedIntervalNanos = intervalNanos
        self.lastIntervalNanos = intervalNanos
        self.packed = .allocate(capacity: self.capacity)
        // Written now, so the buffer is resident before the baseline: filling it later would
        // add 8 KiB of the sampler's own pages to RSS every second at 1 ms.
        self.packed.initialize(repeating: 0, count: self.capacity)
        self.originSeconds = monotonicSeconds()
        self.pageKiB = UInt32(pageSize / 1024)
    }

    deinit {
        packed.deallocate()
    }

    func load(_ index: Int) -> (micros: UInt32, kib: UInt32) {
        let word = memorybench_load_word(packed + index)
        return (UInt32(truncatingIfNeeded: word >> 32), UInt32(truncatingIfNeeded: word))
    }

    func store(_ index: Int, micros: UInt32, kib: UInt32) {
        memorybench_store_word(packed + index, UInt64(micros) << 32 | UInt64(kib))
    }

    /// Seconds since the sampler was created: the time axis of the series and of phases.
    public func secondsSinceOrigin() -> Double { monotonicSeconds() - originSeconds }

    public func start() -> Bool {
        var tid = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&tid, nil, { raw in
            guard let raw else { return nil }
            let sampler = Unmanaged<RssSampler>.fromOpaque(raw).takeRetainedValue()
            sampler.loop()
            return nil
        }, context)
        if result != 0 {
            Unmanaged<RssSampler>.fromOpaque(context).release()
            return false
        }
        thread = tid
        return true
    }

    public func stop() {
        stopRequested.store(true, ordering: .releasing)
        if let thread { pthread_join(thread, nil) }
        thread = nil
    }

    func loop() {
        var next = timespec()
        clock_gettime(CLOCK_MONOTONIC, &next)
        while !stopRequested.load(ordering: .acquiring) {
            takeSample()
            let elapsed = monotonicSeconds() - originSeconds
            lastIntervalNanos = Int(SamplingSchedule.intervalSeconds(requested: Double(intervalNanos) / 1e9, elapsedSeconds: elapsed) * 1e9)
            advance(&next, byNanos: lastIntervalNanos)
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nil)
        }
        takeSample()  // the state at stop, so the series ends where the run ended
    }

    func takeSample() {
        guard let pages = statm.readStatmResidentPages() else { return }
        let micros = (monotonicSeconds() - originSeconds) * 1e6
        append(kib: UInt32(truncatingIfNeeded: pages) &* pageKiB, micros: UInt32(clamping: Int(micros)))
    }

    /// Stores one sample, thinning a full buffer first (sampler thread only; tests call it
    /// directly to race it against a reader).
    func append(kib: UInt32, micros: UInt32) {
        var n = count.load(ordering: .relaxed)
        if n == capacity {
            // Thin in place: the larger of each pair (with its time) stays, so the sampled
            // maximum never drops; the interval doubles.
            thinnings.wrappingAdd(1, ordering: .sequentiallyConsistent)
            for i in 0..<(capacity / 2) {
                let first = load(2 * i), second = load(2 * i + 1)
                let kept = second.kib > first.kib ? second : first
                store(i, micros: kept.micros, kib: kept.kib)
            }
            n = capacity / 2
            count.store(n, ordering: .sequentiallyConsistent)
            thinnings.wrappingAdd(1, ordering: .sequentiallyConsistent)
            // At most 10 s between samples (a full buffer then spans months).
            intervalNanos = min(intervalNanos * 2, Self.longestIntervalNanos)
        }
        store(n, micros: micros, kib: kib)
        count.store(n + 1, ordering: .releasing)
    }

    /// `body` over the samples stored now, read again if a thinning overlapped the reading.
    func consistentRead<T>(_ body: (Int) -> T) -> T {
        while true {
            let before = thinnings.load(ordering: .sequentiallyConsistent)
            if before & 1 == 1 { sched_yield(); continue }
            let value = body(count.load(ordering: .acquiring))
            if thinnings.load(ordering: .sequentiallyConsistent) == before { return value }
        }
    }

    func advance(_ time: inout timespec, byNanos nanos: Int) {
        var ns = Int(time.tv_nsec) + nanos
        time.tv_sec += ns / 1_000_000_000
        ns %= 1_000_000_000
        time.tv_nsec = ns
    }

    /// The recorded samples (safe while the sampler runs, too).
    public func samples() -> [(seconds: Double, rssBytes: Int)] {
        consistentRead { n in
            (0..<n).map { index in
                let sample = load(index)
                return (Double(sample.micros) / 1e6, Int(sample.kib) * 1024)
            }
        }
    }

    /// The largest sample between two offsets (seconds since origin); nil when none fell inside.
    /// Safe while the sampler runs.
    public func maximum(from start: Double, to end: Double) -> Int? {
        consistentRead { n in
            var best: UInt32? = nil
            for i in 0..<n {
                let sample = load(i)
                let t = Double(sample.micros) / 1e6
                if t >= start && t <= end { best = max(best ?? 0, sample.kib) }
            }
            return best.map { Int($0) * 1024 }
        }
    }

    /// The interval last waited (the coarsest, since it only grows).
    public var effectiveIntervalMs: Double { Double(max(intervalNanos, lastIntervalNanos)) / 1e6 }
    public var requestedIntervalMs: Double { Double(requestedIntervalNanos) / 1e6 }
}
