import BenchModel
import MemoryProbe
import Statistics

/// Which runs have a steady state, and over which window: a service run of `bench exec
/// --duration` over its `serve` phase (from readiness to SIGTERM), a soak over its steady slices
/// (after the scenario's own warm-up phase). Other runs (a batch job, a built-in scenario) serve
/// nothing and have none.
extension RunSteadyState {
    /// nil for a run that is not a service's, failed, or carries no series (report.json drops
    /// them; the report is built from results.jsonl).
    static func of(_ run: RunResult) -> RunSteadyState? {
        guard run.status == .ok, let record = run.record, let window = window(run) else { return nil }
        return RunSteadyState(seconds: record.series.seconds, bytes: record.series.rssBytes.map(Double.init),
                              windowStart: window.start, windowEnd: window.end, finalBytes: window.finalBytes,
                              requests: window.requests, repetition: run.repetition)
    }

    /// The window's start and end on the series' time axis, the exact RSS at its end and the
    /// requests served in it when the run knows them.
    static func window(_ run: RunResult) -> (start: Double, end: Double, finalBytes: Double, requests: Int?)? {
        guard let record = run.record else { return nil }
        if let service = run.exec?.service, service.durationSeconds != nil {
            guard let serve = record.phase(ExecService.servePhase) else { return nil }
            return (serve.startSeconds, serve.startSeconds + serve.wallSeconds, Double(serve.rssBytes), service.requests)
        }
        guard let first = record.phase(SteadyWindow.phase(1)), let last = record.phase(SteadyWindow.phase(SteadyWindow.slices)) else { return nil }
        return (first.startSeconds, last.startSeconds + last.wallSeconds, Double(last.rssBytes), record.checks["steadyRequests"])
    }
}

extension CellReport {
    /// The cell with its steady state, from its runs (their series included) when any has one.
    func withSteadyState(_ runs: [RunResult], policy: VerdictPolicy) -> CellReport {
        let steady = runs.compactMap(RunSteadyState.of)
        guard let plateau = Sample.median(steady.map(\.plateauBytes)) else { return self }
        var cell = self
        cell.steadyState = SteadyStateSummary(runs: steady, margin: Report.steadyStateMargin(plateau: plateau, policy: policy), alpha: policy.alpha)
        return cell
    }
}

extension Report {
    /// What "flat" must stay within over a window, and "creeps" exceed: the comparisons'
    /// equivalence margin against the plateau (the instrument's floor or 2 % of it, the user's
    /// threshold when given), fixed before the noise is seen (issue 23: a margin that grew with σ
    /// would call a noisy series flat).
    static func steadyStateMargin(plateau: Double, policy: VerdictPolicy) -> Double {
        policy.equivalenceMargin(referenceMedian: plateau)
    }
}
