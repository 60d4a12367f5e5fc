#if canImport(Glibc)
import Glibc
#endif
import MemoryProbe
import BenchModel

extension ExecObservation {
    /// The status that stands for the command (`--measure`): the sum over its tree, or its
    /// largest process. nil once the command itself has exited. With more than one process the
    /// kernel keeps no high-water mark of the sum, so peaks become the sampled maxima.
    func measuredStatus(_ tree: ProcessTreeSampler.TreeReading) -> ProcStatus? {
        guard tree.root != nil, !tree.processes.isEmpty else { return nil }
        if tree.processes.count > 1 { recorder.peaksSampled = true }
        noteWindow(tree)
        switch measure {
        case .tree:
            let statuses = tree.processes.map(\.status)
            func sum(_ pick: (ProcStatus) -> Int?) -> Int? {
                let values = statuses.compactMap(pick)
                return values.isEmpty ? nil : values.reduce(0, +)
            }
            return ProcStatus(rssBytes: sum { $0.rssBytes } ?? 0, hwmBytes: sum { $0.hwmBytes } ?? 0,
                              rssAnonBytes: sum { $0.rssAnonBytes }, rssFileBytes: sum { $0.rssFileBytes }, swapBytes: sum { $0.swapBytes })
        case .largest:
            return tree.processes.max { $0.status.rssBytes < $1.status.rssBytes }?.status
        }
    }

    /// Both figures over the measured window (sampled), whichever one --measure chose.
    func noteWindow(_ tree: ProcessTreeSampler.TreeReading) {
        guard windowOpen else { return }
        windowTreePeakBytes = max(windowTreePeakBytes ?? 0, tree.totalRSSBytes)
        windowLargestPeakBytes = max(windowLargestPeakBytes ?? 0, tree.processes.map(\.status.rssBytes).max() ?? 0)
    }

    /// A phase started by bench itself (`serve` when `--ready` first succeeds, `shutdown` at
    /// SIGTERM): read, peaks reset, no acknowledgement (the command does not wait for these).
    /// False when the command is not being sampled (yet, or any more).
    func injectMarker(_ name: String) -> Bool {
        guard let sampler, let clockStart else { return false }
        return beginPhase(name, sampler: sampler, elapsed: monotonicSeconds() - clockStart)
    }

    /// Phase `name` begins now, for a marker of the command's or one of bench's own: the tree
    /// read (with its allocation counts in a counted run), every process's peak reset, the
    /// recorder told. False when the measured process is gone.
    func beginPhase(_ name: String, sampler: ProcessTreeSampler, elapsed: Double) -> Bool {
        let tree = sampler.readTree()
        guard let status = measuredStatus(tree) else { return false }
        let reading = ExternalPhaseRecorder.Reading(seconds: elapsed, status: status, cpuSeconds: tree.rootCPUSeconds,
                                                    allocationTotals: countFolder?.read().treeTotal)
        // A service's probe answers for the command's process: the figures that end this phase.
        let inside = probeRequests?.ask(pid: pid)?.allocatorStats
        recorder.marker(name, reading: reading, resetError: sampler.resetPeak(), closingStats: inside)
        recorder.peaksSampled = tree.processes.count > 1
        return true
    }
}
