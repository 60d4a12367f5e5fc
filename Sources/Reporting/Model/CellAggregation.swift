import BenchModel
import MemoryProbe

extension CellReport {
    /// Summarises one cell's runs (all of the same scenario, variant, allocator and size).
    public init(key: CellKey, runs: [RunResult], livePhase: String) {
        let ok = runs.filter { $0.status == .ok }
        let records = ok.compactMap(\.record)
        func overBaseline(_ pick: (WorkerRecord) -> Int?) -> Summary? {
            Summary(records.compactMap { record in pick(record).map { Double($0 - record.baselineBytes) } })
        }
        self.key = key
        // A cell with no good run takes its runs' worst status: oom, then timeout, then failed.
        self.status = !ok.isEmpty ? .ok
            : [RunResult.Status.oom, .timeout, .failed].first { status in runs.contains { $0.status == status } } ?? .skipped
        self.okRuns = ok.count
        self.failedRuns = runs.filter { $0.status.isFailure }.count
        self.reasons = runs.filter { $0.status != .ok }.compactMap(\.reason).uniqued()
        self.proof = ok.first?.verified?.proof
        self.baselineBytes = Summary(records.map { Double($0.baselineBytes) })
        self.peakBytes = Summary(records.map { Double($0.peakBytes) })
        self.peakOverBaselineBytes = overBaseline { $0.peakBytes }
        let phaseNames = records.flatMap { $0.phases.map(\.name) }.uniqued()
        var after: [String: Summary] = [:]
        for name in phaseNames { after[name] = overBaseline { $0.phase(name)?.rssBytes } }
        self.rssAfterPhaseOverBaselineBytes = after
        self.liveBytes = Summary(records.compactMap { $0.phase(livePhase)?.allocatorStats?.liveBytes.map(Double.init) })
        self.wallSeconds = Summary(records.map(\.phasesWallSeconds))
        self.maxRSSBytes = Summary(ok.compactMap { $0.process?.maxRSSBytes.map(Double.init) })
        self.phases = phaseNames.map { PhaseSummary(name: $0, records: records) }
    }
}

extension CellReport.PhaseSummary {
    /// One phase's figures over the records that ran it (medians, min, max).
    init(name: String, records: [WorkerRecord]) {
        let phases = records.compactMap { record in record.phase(name).map { (record, $0) } }
        func stat(_ pick: (PhaseRecord) -> Int?) -> Summary? { Summary(phases.compactMap { pick($0.1).map(Double.init) }) }
        func over(_ pick: (PhaseRecord) -> Int?) -> Summary? {
            Summary(phases.compactMap { pair in pick(pair.1).map { Double($0 - pair.0.baselineBytes) } })
        }
        self.init(name: name, peakOverBaselineBytes: over { $0.peakBytes }, sampledPeakOverBaselineBytes: over { $0.sampledPeakBytes },
                  rssOverBaselineBytes: over { $0.rssBytes }, rssAnonBytes: stat { $0.rssAnonBytes },
                  rssFileBytes: stat { $0.rssFileBytes }, liveBytes: stat { $0.allocatorStats?.liveBytes },
                  freeBytes: stat { $0.allocatorStats?.freeBytes }, residentBytes: stat { $0.allocatorStats?.residentBytes },
                  retainedBytes: stat { $0.allocatorStats?.retainedBytes },
                  arenas: phases.compactMap { $0.0.allocator.kind == .glibc ? $0.1.allocatorStats?.arenas : nil }.max(),
                  wallSeconds: Summary(phases.map { $0.1.wallSeconds }), cpuSeconds: Summary(phases.map { $0.1.cpuSeconds }))
    }
}
