import BenchModel
import MemoryProbe
import Statistics

/// Soaks (scenarios that record a `SteadyWindow`): does RSS creep while a server serves the same
/// requests? For every variant × configuration × size, RSS at the end of each slice against the
/// requests served since the window began, fitted through every run like the size sweeps
/// (`GrowthTrend`: "creeps" only when the slope is surely positive and its growth over the
/// window exceeds the floor, "flat" only when the interval's extreme over the window stays
/// under it, "undecided" otherwise). Decided once per report (`ReportDecisions.creep`).
public struct CreepLine: Sendable {
    public var scenario: String
    public var variant: String
    public var allocator: String
    public var size: Int
    public var runs: Int
    /// y: RSS in bytes, x: requests; each run centred on its own means, so that runs settling
    /// at different levels do not pass for noise around one slope (`range` is the window).
    public var trend: GrowthTrend
    /// The runs' RSS at the end of the window (the plateau), one value a run.
    public var plateaus: [Double]
    public var requestsPerSecond: Double?
    public var arenas: Int?
    /// Requests in the window (median over runs): the size, or what a timed soak served.
    public var steadyRequests: Int?

    public var plateauMedian: Double { Sample.median(plateaus) ?? 0 }
    /// The slope in KiB per 1,000 requests, the figure people watch on a dashboard.
    public var kibPerThousandRequests: Double { trend.slope * 1000 / 1024 }
    public var intervalKiBPerThousand: Interval? {
        trend.slopeInterval.map { Interval(lower: $0.lower * 1000 / 1024, upper: $0.upper * 1000 / 1024) }
    }

    /// "+2.2", "+0.24": long soaks creep by fractions of a KiB per 1,000 requests.
    static func kib(_ value: Double) -> String {
        String(format: abs(value) < 1 ? "%+.2f" : "%+.1f", value)
    }

    public var verdictWord: String {
        switch trend.kind {
        case .grows: return "creeps"
        case .shrinks: return "falls"
        case .flat: return "flat"
        case .noClearTrend: return "undecided"
        }
    }

    /// Every soak cell's line, in report order.
    static func lines(_ report: Report) -> [CreepLine] {
        report.cells.compactMap { cell in
            let key = cell.key
            guard let scenario = report.scenario(named: key.scenario),
                  scenario.variants.first(where: { $0.name == key.variant })?.phases.contains(SteadyWindow.phase(SteadyWindow.slices)) == true
            else { return nil }
            let records = report.okRecords(of: key)
            let series = records.compactMap(Report.steadySeries)
            guard let line = Report.creepLine(series: series, policy: report.verdictPolicy) else { return nil }
            let rates = records.compactMap { $0.checks["requestsPerSecond"].map(Double.init) }
            return CreepLine(scenario: key.scenario, variant: key.variant, allocator: key.allocator, size: key.size,
                             runs: series.count, trend: line, plateaus: series.compactMap { $0.last?.rss },
                             requestsPerSecond: Sample.median(rates), arenas: records.compactMap { $0.checks["arenas"] }.max(),
                             steadyRequests: Sample.median(records.compactMap { $0.checks["steadyRequests"].map(Double.init) }).map { Int($0.rounded()) })
        }
    }
}

extension Report {
    /// One run's steady window: (requests served since it began, RSS) at each slice's end; nil
    /// when a slice or its request count is missing. The window's start is left out: RSS still
    /// climbs in the first slice after a short warm-up (glibc's mmap threshold rises as large
    /// buffers are freed, so later ones land in the heap), a step and not the creep.
    static func steadySeries(_ record: WorkerRecord) -> [(requests: Double, rss: Double)]? {
        var points: [(requests: Double, rss: Double)] = []
        for slice in 1...SteadyWindow.slices {
            guard let phase = record.phases.first(where: { $0.name == SteadyWindow.phase(slice) }),
                  let requests = record.checks[SteadyWindow.requestsCheck(slice)] else { return nil }
            points.append((Double(requests), Double(phase.rssBytes)))
        }
        return points
    }

    /// The creep fitted through every run's points, each centred on its own level
    /// (`GrowthTrend(runs:)`). The floor is the verdicts' practical floor against the plateau, its
    /// σ the runs' variation at each slice once each run's level is taken out (the level is not
    /// the creep; how differently the runs move within the window is its noise).
    public static func creepLine(series: [[(requests: Double, rss: Double)]], policy: VerdictPolicy) -> GrowthTrend? {
        let slices = series.map(\.count).min() ?? 0
        let centred = series.map { run in run.map { $0.rss - (Sample.mean(run.map(\.rss)) ?? 0) } }
        let noise = WorkloadNoise(pooling: (0..<slices).map { index in centred.map { $0[index] } })
        let plateau = Sample.median(series.compactMap { $0.last?.rss }) ?? 0
        let floor = policy.practicalFloor(workloadSigma: noise.standardDeviation, referenceMedian: plateau)
        return GrowthTrend(runs: series.map { $0.map { (x: $0.requests, y: $0.rss) } }, floor: floor, alpha: policy.alpha)
    }
}
