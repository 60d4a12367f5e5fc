#if canImport(Glibc)
import Glibc
#endif

/// Takes the measurements at phase boundaries: resets the kernel's peak mark when a phase
/// starts, and reads /proc/self/status, CPU and wall time and allocator statistics when it ends.
public final class PhaseRecorder {
    let status: ProcFile
    let peakReset: PeakResetter
    let sampler: RssSampler
    public let allocator: AllocatorProbe
    /// The counting library's totals, read last when a phase begins and first when it ends, so
    /// that the recorder's own allocations fall outside the phase.
    public let counter = AllocationCounter()
    public private(set) var phases: [PhaseRecord] = []
    private var open: (name: String, start: Double, cpu: Double, rss: Int, counts: AllocationCounts?)?
    /// When set, `phase NAME begins` / `phase NAME ends` lines go to this descriptor (the
    /// worker's stderr), so the runner watching from outside knows the phase of an OOM kill.
    public var announceDescriptor: Int32?
    /// Phases recorded as `verification` (the scenario's checks of its output).
    public var verificationPhases: Set<String> = []
    /// Profiling runs only (`--sites`): jemalloc's heap profile is dumped as each phase ends.
    public var heapProfile: HeapProfileDumper?

    public init(status: ProcFile, peakReset: PeakResetter, sampler: RssSampler, allocator: AllocatorProbe) {
        self.status = status
        self.peakReset = peakReset
        self.sampler = sampler
        self.allocator = allocator
    }

    public func snapshot() throws -> PhaseSnapshot {
        PhaseSnapshot(status: try readStatus(), allocatorStats: allocator.stats())
    }

    func readStatus() throws -> ProcStatus {
        guard let parsed = status.readStatus() else {
            throw ProbeError.unreadable(status.path)
        }
        return parsed
    }

    /// Runs one empty phase and forgets it. The first phase otherwise pays for faulting in the
    /// recorder's own code (file pages come in 64 KiB fault-around steps; 80 KiB seen) and
    /// buffers, which would be charged to the workload.
    public func warmUp() throws {
        try begin("warm-up")
        try end()
        phases.removeAll(keepingCapacity: true)
    }

    public var peakMethod: PeakMethod { peakReset.isAvailable ? .clearRefs : .sampled }
    public var peakResetFailure: String? { peakReset.failure }

    public func begin(_ name: String) throws {
        precondition(open == nil, "phase \(name) began inside phase \(open?.name ?? "")")
        announce(name, "begins")
        peakReset.reset()
        let now = try readStatus()
        open = (name, sampler.secondsSinceOrigin(), processCPUSeconds(), now.rssBytes, nil)
        // Last, after the recorder's own work (the tuple above is stored inline: no allocation).
        open?.counts = counter.read()
    }

    public func end(note: String? = nil) throws {
        guard let current = open else { return }
        let counts = counter.read()
        let endSeconds = sampler.secondsSinceOrigin()
        let cpu = processCPUSeconds() - current.cpu
        let now = try readStatus()
        let sampled = sampler.maximum(from: current.start, to: endSeconds)
        // VmHWM is max(hiwater, current RSS) since the reset; without a reset it is the
        // process-lifetime peak, useless per phase, so the sampler's maximum stands in.
        let peak: Int
        if peakReset.isAvailable {
            peak = max(now.hwmBytes, now.rssBytes, current.rss)
        } else {
            peak = max(sampled ?? 0, now.rssBytes, current.rss)
        }
        phases.append(PhaseRecord(
            name: current.name, startSeconds: current.start, wallSeconds: endSeconds - current.start,
            cpuSeconds: cpu, startRssBytes: current.rss, rssBytes: now.rssBytes, rssAnonBytes: now.rssAnonBytes,
            rssFileBytes: now.rssFileBytes, swapBytes: now.swapBytes, peakBytes: peak, sampledPeakBytes: sampled,
            allocatorStats: allocator.stats(), note: note,
            verification: verificationPhases.contains(current.name) ? true : nil,
            allocations: counts.flatMap { end in current.counts.map { end.since($0) } }))
        open = nil
        // After the phase's figures are taken: the dump's own allocations and time fall outside.
        heapProfile?.dump(phase: current.name)
        announce(current.name, "ends")
    }
}

extension PhaseRecorder {
    /// The line a worker writes at each phase boundary when asked (`PhaseAnnouncement.parse`
    /// reads it back).
    func announce(_ name: String, _ event: String) {
        guard let fd = announceDescriptor else { return }
        let line = PhaseAnnouncement.prefix + name + " " + event + "\n"
        _ = line.withCString { write(fd, $0, strlen($0)) }
    }
}

/// `bench-worker: phase NAME begins|ends`, one line on the worker's stderr.
public enum PhaseAnnouncement {
    public static let prefix = "bench-worker: phase "

    /// (phase, inside) from an announcement line, nil for any other line.
    public static func parse<S: StringProtocol>(_ line: S) -> (phase: String, inside: Bool)? {
        guard line.hasPrefix(prefix) else { return nil }
        let words = line.dropFirst(prefix.count).split(separator: " ")
        guard words.count == 2, words[1] == "begins" || words[1] == "ends" else { return nil }
        return (String(words[0]), words[1] == "begins")
    }
}

public enum ProbeError: Error, CustomStringConvertible {
    case unreadable(String)
    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read \(path)"
        }
    }
}
