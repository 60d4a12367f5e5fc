#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Records the process's RSS over time on its own thread.
///
/// Every buffer is allocated before sampling starts and the loop only `pread`s the kept-open
/// `/proc/self/statm`, parses digits in place and stores two integers, so the sampler never
/// allocates (an allocating sampler would measure itself). When the buffer fills, every other
/// sample is dropped and the interval doubles, so a long run keeps its whole shape.
public final class RssSampler: @unchecked Sendable {
    public let capacity: Int
    let residentKiB: UnsafeMutablePointer<UInt32>
    let offsetMicros: UnsafeMutablePointer<UInt32>
    let statm: ProcFile
    let count = Atomic<Int>(0)
    let stopRequested = Atomic<Bool>(false)
    /// Written by the sampler thread only; read after `stop()` joins it.
    var intervalNanos: Int
    let requestedIntervalNanos: Int
    let originSeconds: Double
    var thread: pthread_t? = nil
    let pageKiB: UInt32

    /// - Parameters:
    ///   - intervalMs: the time between samples (at least 0.05 ms).
    ///   - capacity: samples kept before the series is thinned (default: 1 minute at 1 ms).
    public init?(intervalMs: Double, capacity: Int = 65_536) {
        guard let statm = ProcFile(path: "/proc/self/statm", capacity: 256) else { return nil }
        self.statm = statm
        self.capacity = max(16, capacity & ~1)
        self.intervalNanos = max(50_000, Int(intervalMs * 1_000_000))
        self.requestedIntervalNanos = intervalNanos
        self.residentKiB = .allocate(capacity: self.capacity)
        self.offsetMicros = .allocate(capacity: self.capacity)
        // Written now, so the buffers are resident before the baseline: filling them later would
        // add 8 KiB of the sampler's own pages to RSS every second at 1 ms.
        self.residentKiB.initialize(repeating: 0, count: self.capacity)
        self.offsetMicros.initialize(repeating: 0, count: self.capacity)
        self.originSeconds = monotonicSeconds()
        self.pageKiB = UInt32(pageSize / 1024)
    }

    deinit {
        residentKiB.deallocate()
        offsetMicros.deallocate()
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
            advance(&next, byNanos: intervalNanos)
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nil)
        }
        takeSample()  // the state at stop, so the series ends where the run ended
    }

    func takeSample() {
        guard let pages = statm.readStatmResidentPages() else { return }
        var n = count.load(ordering: .relaxed)
        if n == capacity {
            // Thin in place: keep samples 0, 2, 4, … and double the interval.
            for i in 0..<(capacity / 2) {
                residentKiB[i] = residentKiB[2 * i]
                offsetMicros[i] = offsetMicros[2 * i]
            }
            n = capacity / 2
            intervalNanos *= 2
        }
        residentKiB[n] = UInt32(truncatingIfNeeded: pages) &* pageKiB
        let micros = (monotonicSeconds() - originSeconds) * 1e6
        offsetMicros[n] = UInt32(clamping: Int(micros))
        count.store(n + 1, ordering: .releasing)
    }

    func advance(_ time: inout timespec, byNanos nanos: Int) {
        var ns = Int(time.tv_nsec) + nanos
        time.tv_sec += ns / 1_000_000_000
        ns %= 1_000_000_000
        time.tv_nsec = ns
    }

    /// The recorded samples; call after `stop()`.
    public func samples() -> [(seconds: Double, rssBytes: Int)] {
        let n = count.load(ordering: .acquiring)
        return (0..<n).map { (Double(offsetMicros[$0]) / 1e6, Int(residentKiB[$0]) * 1024) }
    }

    /// The largest sample between two offsets (seconds since origin); nil when none fell inside.
    public func maximum(from start: Double, to end: Double) -> Int? {
        let n = count.load(ordering: .acquiring)
        var best: UInt32? = nil
        for i in 0..<n {
            let t = Double(offsetMicros[i]) / 1e6
            if t >= start && t <= end { best = max(best ?? 0, residentKiB[i]) }
        }
        return best.map { Int($0) * 1024 }
    }

    public var effectiveIntervalMs: Double { Double(intervalNanos) / 1e6 }
    public var requestedIntervalMs: Double { Double(requestedIntervalNanos) / 1e6 }
}
