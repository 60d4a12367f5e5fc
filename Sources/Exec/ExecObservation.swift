#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import BenchModel
import Suite

/// The state of one exec run as ChildProcess reports the child: marker data as it arrives,
/// and a tick about every sampling interval with the pid.
final class ExecObservation {
    var recorder = ExternalPhaseRecorder()
    var proof: ExecAllocatorProof
    var markers = PhaseMarkers()
    var pendingMarkers: [String] = []
    /// Counted runs: where the tree's processes keep their counts.
    var countFolder: ExecCountFolder?
    /// Service runs with the probe: asks it for the allocator's figures at every phase boundary.
    var probeRequests: ProbeRequests?
    var sampler: ProcessTreeSampler?
    let intervalSeconds: Double
    var lastSampleSeconds = -Double.infinity
    var samples = 0
    var treePeakBytes: Int?
    var processPeaks: [pid_t: (name: String, bytes: Int)] = [:]
    /// The measured process: the command (the launcher's child, when it starts the command).
    var pid: pid_t = 0
    let viaLauncher: Bool
    var spawned: ProcessTreeSampler?
    var exitedAt: Double?
    var markersAfterExit = 0
    /// The OOM-kill counters of the cgroups the command was seen in, with their first count
    /// (a command may move itself into a memory-limited cgroup, e.g. with systemd-run).
    var oomCounters: [String: Int] = [:]
    /// Holds the cap and the last RSS of the tree, for the classifier.
    var watch: RunWatch?
    /// bench's end of the acknowledgement pipe (non-blocking).
    var acknowledgementDescriptor: Int32 = -1
    /// Markers whose acknowledgement was still unread at the next marker or at the end: the
    /// command went on without waiting, so the phase boundaries are where bench happened to
    /// read the marker, and the peaks are sampled rather than exact.
    var unacknowledgedMarkers = 0
    var acknowledgementsWritten = 0
    /// ChildProcess's clock (its start) on monotonicSeconds(), known from the first tick.
    var clockStart: Double?
    /// How long descendants may keep the output open after the command itself exited.
    static let lingerSeconds = 2.0
    /// What stands for the command (`--measure`), the `--ready-phase` marker and when it came,
    /// and the measured window's peaks both ways (see ExecObservation+Measure).
    var measure: ExecService.Measure = .tree
    var readyPhase: String?
    var readyMarkerSeconds: Double?
    var windowOpen = false
    var windowTreePeakBytes: Int?
    var windowLargestPeakBytes: Int?
    var escalated = false
    /// The command's descendants in the last reading taken while the command itself still ran:
    /// what the tree held besides the command when it exited (see `endOfRun`).
    var othersWhileAlive: (rssBytes: Int, rssAnonBytes: Int, largestBytes: Int) = (0, 0, 0)

    init(configuration: AllocatorConfiguration, intervalSeconds: Double, viaLauncher: Bool) {
        proof = ExecAllocatorProof(configuration: configuration)
        self.intervalSeconds = intervalSeconds
        self.viaLauncher = viaLauncher
    }

    func markerData(_ data: Data) {
        pendingMarkers += markers.feed(data)
    }

    /// Applies the markers received, each at once: the previous acknowledgement checked, the
    /// root's status read, every tree process's peak reset, then the acknowledgement written,
    /// so a command that waits for it starts the phase only after the reset. Before the first
    /// tick (the command not found yet) they wait for it; so does the command.
    func applyMarkers() {
        guard let sampler, let clockStart else { return }
        let elapsed = monotonicSeconds() - clockStart
        for name in pendingMarkers {
            checkAcknowledgement()
            guard beginPhase(name, sampler: sampler, elapsed: elapsed) else { markersAfterExit += 1; continue }
            if name == readyPhase, readyMarkerSeconds == nil { readyMarkerSeconds = elapsed }
            acknowledge()
            if let libraries = sampler.mappedAllocatorLibraries() { proof.observe(libraries, at: elapsed) }
        }
        pendingMarkers.removeAll()
    }

    func acknowledge() {
        guard acknowledgementDescriptor >= 0 else { return }
        let line = PhaseMarkers.acknowledgementLine
        let written = line.withCString { write(acknowledgementDescriptor, $0, strlen($0)) }
        if written > 0 { acknowledgementsWritten += 1 }
    }

    /// Counts an acknowledgement still unread (at the next marker, or once the command ended).
    func checkAcknowledgement() {
        guard acknowledgementDescriptor >= 0, acknowledgementsWritten > 0 else { return }
        var unread: Int32 = 0
        if ioctl(acknowledgementDescriptor, UInt(FIONREAD), &unread) == 0, unread > 0 { unacknowledgedMarkers += 1 }
    }

    func tick(pid spawnedPid: pid_t, elapsed: Double) -> ChildProcess.TickAction {
        let spawned = self.spawned ?? ProcessTreeSampler(root: spawnedPid)
        self.spawned = spawned
        // The command exited (a zombie until reaped) but a descendant keeps its output open.
        if spawned.rootState() == "Z" {
            exitedAt = exitedAt ?? elapsed
            if let exitedAt, elapsed - exitedAt > Self.lingerSeconds {
                return .stop(reason: "descendants kept the output open \(Int(Self.lingerSeconds)) s after the command exited; they were killed", signal: SIGKILL, graceSeconds: 0)
            }
        }
        if sampler == nil {
            // Through the launcher, the command is its child, once it has forked.
            let measured = viaLauncher ? ProcessTreeSampler.children(of: spawnedPid).first : spawnedPid
            guard let measured else { return .keepRunning }
            sampler = measured == spawnedPid ? spawned : ProcessTreeSampler(root: measured)
            pid = measured
            if viaLauncher { countFolder?.launcherPid = spawnedPid }
        }
        guard let sampler else { return .keepRunning }
        clockStart = clockStart ?? monotonicSeconds() - elapsed
        applyMarkers()
        if elapsed - lastSampleSeconds >= SamplingSchedule.intervalSeconds(requested: intervalSeconds, elapsedSeconds: elapsed) * 0.9 {
            lastSampleSeconds = elapsed
            let tree = sampler.readTree()
            if tree.root != nil {
                let others = tree.processes.filter { $0.pid != sampler.root }.map(\.status)
                othersWhileAlive = (others.map(\.rssBytes).reduce(0, +), others.compactMap(\.rssAnonBytes).reduce(0, +),
                                    others.map(\.rssBytes).max() ?? 0)
            }
            if let measured = measuredStatus(tree) {
                samples += 1
                for file in OOMKillCounter.files(pid: "\(pid)") where oomCounters[file] == nil {
                    oomCounters[file] = OOMKillCounter.count(file)
                }
                recorder.sample(ExternalPhaseRecorder.Reading(seconds: elapsed, status: measured, cpuSeconds: tree.rootCPUSeconds))
            }
            if !tree.processes.isEmpty {
                treePeakBytes = max(treePeakBytes ?? 0, tree.totalRSSBytes)
                if let watch {
                    watch.record(rssBytes: tree.totalRSSBytes, dataBytes: nil, elapsed: elapsed)
                    if let cap = watch.capBytes, tree.totalRSSBytes > cap {
                        return .stop(reason: RunWatch.capReason, signal: SIGKILL, graceSeconds: 0)
                    }
                }
            }
            for process in tree.processes {
                let peak = max(process.status.hwmBytes, process.status.rssBytes)
                if peak > processPeaks[process.pid]?.bytes ?? -1 { processPeaks[process.pid] = (process.name, peak) }
            }
        }
        if proof.wantsRead(at: elapsed), let libraries = sampler.mappedAllocatorLibraries() {
            proof.observe(libraries, at: elapsed)
        }
        if proof.wantsThreadNames(at: elapsed) { proof.observeThreadNames(sampler.rootThreadNames(), at: elapsed) }
        return .keepRunning
    }

    /// Sends `signal` to every process below `spawnedPid` (the launcher or the command) and to
    /// the process groups they lead or joined, for those that left the spawned one's group.
    func signalTree(of spawnedPid: pid_t, _ signal: Int32) {
        let group = getpgid(spawnedPid)
        var groups: Set<pid_t> = []
        for pid in ProcessTreeSampler.descendants(of: spawnedPid) {
            let theirs = getpgid(pid)
            // Those still in the spawned group get the group's signal (once is enough).
            guard theirs != group else { continue }
            kill(pid, signal)
            if theirs > 0, theirs != getpgrp() { groups.insert(theirs) }
        }
        for other in groups { kill(-other, signal) }
    }

    /// A cgroup the command was seen in whose OOM-kill count rose during the run.
    func oomKillsInCommandCgroups() -> (file: String, kills: Int)? {
        for (file, first) in oomCounters.sorted(by: { $0.key < $1.key }) {
            if let now = OOMKillCounter.count(file), now > first { return (file, now - first) }
        }
        return nil
    }

    /// `maxRSSBytes`: the command's exact ru_maxrss, when known.
    func finish(seconds: Double, maxRSSBytes: Int?, allocationTotals: AllocationCounts? = nil, exitRecord: ProbeEndRecord? = nil) {
        recorder.finish(seconds: seconds, maxRSSBytes: maxRSSBytes, allocationTotals: allocationTotals, atExit: endOfRun(exitRecord))
        proof.arenasSeen = recorder.phases.compactMap { $0.allocatorStats?.arenas }.max()
        // wait4's figure is the command's exact peak (since the last marker's reset), but it also
        // covers the descendants the command waited for: it is the root's own only without any.
        if pid != 0, let maxRSSBytes, processPeaks.keys.allSatisfy({ $0 == pid }) {
            processPeaks[pid] = (processPeaks[pid]?.name ?? "?", max(processPeaks[pid]?.bytes ?? 0, maxRSSBytes))
        }
    }

    /// The figure that stands for the command when it exited: its own RSS from the probe's record
    /// (taken before atexit handlers and teardown), with what its descendants held in the last
    /// reading while it ran (summed for `--measure tree`, the larger of the two for `largest`).
    /// nil without a record: the end is then the last sample, a teardown sample.
    func endOfRun(_ record: ProbeEndRecord?) -> (status: ProcStatus, allocatorStats: AllocatorStats?)? {
        guard let record else { return nil }
        let others = othersWhileAlive
        let rss: Int, anon: Int?
        switch measure {
        case .tree:
            rss = record.rssBytes + others.rssBytes
            anon = record.rssAnonBytes.map { $0 + others.rssAnonBytes }
        case .largest:
            rss = max(record.rssBytes, others.largestBytes)
            anon = record.rssBytes >= others.largestBytes ? record.rssAnonBytes : nil
        }
        let status = ProcStatus(rssBytes: rss, hwmBytes: max(record.hwmBytes, rss), rssAnonBytes: anon,
                                rssFileBytes: anon.map { rss - $0 }, swapBytes: nil)
        return (status, record.allocatorStats)
    }

    func fill(_ facts: inout ExecFacts) {
        facts.samples = samples
        facts.treePeakBytes = treePeakBytes
        if let largest = processPeaks.max(by: { $0.value.bytes < $1.value.bytes }) {
            facts.largestProcessPeakBytes = largest.value.bytes
            facts.largestProcess = "\(largest.key) (\(largest.value.name))"
        }
        facts.processesSeen = processPeaks.count
        facts.markers = recorder.markers
        facts.ignoredMarkerLines = markers.ignoredLines + markersAfterExit
        facts.allocatorProof = proof.reads > 0 || proof.inside?.root != nil ? proof.proof : "not proved: /proc/PID/maps was never read"
        facts.mapsReads = proof.reads
    }

    /// The record reports read, or nil when no sample was taken.
    func record(entry: RunPlan.Entry, intervalMs: Double) -> WorkerRecord? {
        guard let baseline = recorder.baseline else { return nil }
        let series = recorder.series
        let effective = series.count > 1 ? (series[series.count - 1].seconds - series[0].seconds) / Double(series.count - 1) * 1000 : intervalMs
        return WorkerRecord(
            schemaVersion: WorkerRecord.currentSchemaVersion, scenario: entry.scenario, variant: entry.variant,
            size: entry.size, pid: pid, allocator: proof.identity,
            peakMethod: recorder.resetFailure == nil && unacknowledgedMarkers == 0 && recorder.sampledPhases == 0 ? .clearRefs : .sampled,
            peakMethodNote: recorder.sampledPhases > 0 ? "in \(recorder.sampledPhases) phase(s) the command ran as several processes: the figure there is \(measure == .tree ? "the sum of RSS over its tree" : "its largest process's RSS") (--measure \(measure.rawValue)), its peak sampled every \(intervalMs) ms at first, less often as the run goes on" : recorder.resetFailure.map { "peaks after the first marker are sampled every \(intervalMs) ms at first, less often as the run goes on: \($0)" }
                ?? (unacknowledgedMarkers == 0 ? nil : "the command did not wait for the acknowledgement of \(unacknowledgedMarkers) of its \(recorder.markers) phase marker(s) (see $\(PhaseMarkers.acknowledgementVariable)), so its phases begin where bench read the marker, not where the command wrote it"),
            baseline: PhaseSnapshot(status: baseline, allocatorStats: nil), phases: recorder.phases,
            series: RssSeries(requestedIntervalMs: intervalMs, effectiveIntervalMs: effective, samples: series, maxPoints: 2_000),
            checks: [:])
    }
}
