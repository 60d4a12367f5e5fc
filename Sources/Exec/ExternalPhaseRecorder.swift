import MemoryProbe
import BenchModel
import Suite

/// Builds a run's phases from readings taken outside the process: the first sample is the
/// baseline, each marker closes the open phase and starts the next, and the process's exit
/// closes the last one. Pure bookkeeping (no /proc access), so it is tested without processes.
public struct ExternalPhaseRecorder {
    /// One reading of the measured process.
    public struct Reading: Sendable {
        public var seconds: Double
        public var status: ProcStatus
        public var cpuSeconds: Double?
        /// The tree's allocation counts so far (counted runs, at markers and at the end only).
        public var allocationTotals: AllocationCounts?

        public init(seconds: Double, status: ProcStatus, cpuSeconds: Double?, allocationTotals: AllocationCounts? = nil) {
            self.seconds = seconds
            self.status = status
            self.cpuSeconds = cpuSeconds
            self.allocationTotals = allocationTotals
        }
    }

    struct OpenPhase {
        var name: String
        /// The phase opened by the first sample rather than by a marker.
        var implicit = false
        var start: Reading
        var sampledMaximum: Int
        var lastReading: Reading
    }

    /// The first reading (none: the process ended before it could be sampled).
    public private(set) var firstSample: ProcStatus?
    /// What the figures are measured over: the process's status at the first marker (what it
    /// holds before its first marked phase, like a worker's baseline), or zero without markers.
    /// Not the first sample: it falls anywhere between exec and the loader's and interpreter's
    /// start-up (0 to 2 MiB for the same command here), and subtracting it made noise look like
    /// a difference between allocators.
    public var baseline: ProcStatus? {
        guard firstSample != nil else { return nil }
        return firstMarker ?? ProcStatus(rssBytes: 0, hwmBytes: 0, rssAnonBytes: 0, rssFileBytes: 0, swapBytes: 0)
    }
    var firstMarker: ProcStatus?
    public private(set) var phases: [PhaseRecord] = []
    public private(set) var series: [(seconds: Double, rssBytes: Int)] = []
    /// Why the peak could not be reset at a marker (then later peaks are sampled maxima).
    public private(set) var resetFailure: String?
    /// Set while the open phase's figure is over several processes (`--measure tree|largest`):
    /// its peak is then the sampled maximum (the kernel keeps no high-water mark of a sum).
    public var peaksSampled = false
    /// Phases whose peak was sampled for that reason.
    public private(set) var sampledPhases = 0
    var open: OpenPhase?

    public init() {}

    public private(set) var markers = 0

    /// A periodic sample.
    public mutating func sample(_ reading: Reading) {
        series.append((reading.seconds, reading.status.rssBytes))
        // Bounded however long the run: halved, the peak kept (the record keeps 2,000 points).
        if series.count >= RssSeries.liveCapacity { series = RssSeries.halved(series) }
        if firstSample == nil { firstSample = reading.status }
        if open == nil {
            open = OpenPhase(name: PhaseMarkers.wholeRunPhase, implicit: true, start: reading,
                             sampledMaximum: reading.status.rssBytes, lastReading: reading)
            return
        }
        if var current = open {
            current.sampledMaximum = max(current.sampledMaximum, reading.status.rssBytes)
            current.lastReading = reading
            open = current
        }
    }

    /// A `phase NAME` marker, with the reading taken when it arrived (before the peak reset).
    /// `resetError` is what resetting the peak answered (nil: reset). `closingStats`: the
    /// allocator's figures from inside the process then (a service's probe), for the phase it ends.
    public mutating func marker(_ name: String, reading: Reading, resetError: String?, closingStats: AllocatorStats? = nil) {
        sample(reading)
        markers += 1
        if firstMarker == nil { firstMarker = reading.status }
        if var current = open, !(current.implicit && current.start.seconds >= reading.seconds) {
            // The part before the first marker is the start-up, not the whole run (and is
            // dropped when the marker came with the very first reading).
            if current.implicit { current.name = PhaseMarkers.beforeFirstMarkerPhase }
            close(current, end: reading, exitPeak: nil, allocatorStats: closingStats)
        }
        if resetFailure == nil, let resetError { resetFailure = resetError }
        peaksSampled = false
        open = OpenPhase(name: name, start: reading, sampledMaximum: reading.status.rssBytes, lastReading: reading)
    }

    /// The process ended at `seconds`; `maxRSSBytes` is wait4's ru_maxrss, which covers the
    /// time since the last peak reset (clear_refs resets the mark it comes from), so it is the
    /// exact peak of the last phase.
    /// `allocationTotals`: the tree's counts at the end (counted runs). `atExit`: the command's
    /// status and allocator figures when it returned from main or called exit (the probe's
    /// record); without it the last phase ends on the last sample, marked a teardown sample.
    public mutating func finish(seconds: Double, maxRSSBytes: Int?, allocationTotals: AllocationCounts? = nil,
                                atExit: (status: ProcStatus, allocatorStats: AllocatorStats?)? = nil) {
        guard var current = open else { return }
        var end = current.lastReading
        end.seconds = max(seconds, end.seconds)
        end.allocationTotals = allocationTotals
        if let atExit { end.status = atExit.status }
        current.lastReading = end
        close(current, end: end, exitPeak: maxRSSBytes, how: atExit == nil ? .teardownSample : .exit, allocatorStats: atExit?.allocatorStats)
        open = nil
    }

    mutating func close(_ phase: OpenPhase, end: Reading, exitPeak: Int?, how: PhaseEnd? = nil, allocatorStats: AllocatorStats? = nil) {
        let sampled = max(phase.sampledMaximum, end.status.rssBytes)
        // The kernel's high-water marks only: VmHWM from the last reset (or the process start,
        // for the first phase), and wait4's ru_maxrss at the exit, the figure GNU time reports.
        // VmRSS is not mixed in: the kernel's counters are not page-exact, and a VmRSS reading
        // can exceed the high-water mark by a few hundred KiB. After a failed reset VmHWM is the
        // lifetime peak, useless per phase, so the samples stand in.
        let exact = !peaksSampled && (resetFailure == nil || phases.isEmpty)
        if peaksSampled { sampledPhases += 1 }
        // Over several processes, wait4's figure (the command's own peak, or its largest
        // waited-for child's) is a floor that a sample between two peaks can miss.
        let peak = exact ? (exitPeak ?? end.status.hwmBytes) : max(sampled, peaksSampled ? exitPeak ?? 0 : 0)
        var cpu = 0.0
        if let before = phase.start.cpuSeconds, let after = end.cpuSeconds { cpu = max(0, after - before) }
        // The phase opened by the first sample starts from zero counts.
        let zero = AllocationCounts(mallocs: 0, frees: 0, reallocs: 0, bytesRequested: 0)
        let allocations = end.allocationTotals.map { $0.since(phase.start.allocationTotals ?? zero) }
        phases.append(PhaseRecord(
            name: phase.name, startSeconds: phase.start.seconds, wallSeconds: max(0, end.seconds - phase.start.seconds),
            cpuSeconds: cpu, startRssBytes: phase.start.status.rssBytes, rssBytes: end.status.rssBytes,
            rssAnonBytes: end.status.rssAnonBytes, rssFileBytes: end.status.rssFileBytes, swapBytes: end.status.swapBytes,
            peakBytes: peak, sampledPeakBytes: sampled, allocatorStats: allocatorStats, note: nil, allocations: allocations, end: how))
    }
}
