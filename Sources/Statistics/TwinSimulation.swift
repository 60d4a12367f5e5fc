/// The A/A test: how often would a report call a configuration different from itself?
///
/// Each synthetic suite re-draws every real cell from its own runs (with replacement) and adds
/// a twin of the reference; the reference and the twin are both drawn from the same source
/// (by default the reference cell's own runs, or e.g. all runs of configurations known to
/// behave alike). Every comparison of the suite, real and twin, goes through `SuiteJudgement`;
/// a suite fails if any twin comparison comes out beyond noise.
public struct TwinSimulation: Sendable {
    public struct Workload: Sendable {
        public var cells: WorkloadCells
        /// The values the reference and the twin are both resampled from.
        public var twinSource: [Double]
        public init(cells: WorkloadCells, twinSource: [Double]? = nil) {
            self.cells = cells
            self.twinSource = twinSource ?? cells.reference.runs
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var suites: Int
        public var suitesWithFalseFinding: Int
        public var falseFindings: Int
        public var comparisonsPerSuite: Int
        public var twinComparisonsPerSuite: Int
        /// suitesWithFalseFinding / suites: the family-wise false-finding rate per report.
        public var falseSuiteRate: Double { suites > 0 ? Double(suitesWithFalseFinding) / Double(suites) : 0 }
        /// Which workloads produced false findings, most first (for diagnosis).
        public var falseFindingsByWorkload: [String: Int]
    }

    public static let twinName = "twin"

    public var workloads: [Workload]
    public var policy: VerdictPolicy
    public var runsPerSide: Int

    public init(workloads: [Workload], policy: VerdictPolicy = .default, runsPerSide: Int = 3) {
        self.workloads = workloads
        self.policy = policy
        self.runsPerSide = runsPerSide
    }

    public func run(suites: Int, seed: UInt64) -> Result {
        var generator = SeededGenerator(seed: seed)
        var failed = 0, falseFindings = 0, comparisons = 0, twinComparisons = 0
        var byWorkload: [String: Int] = [:]
        for _ in 0..<suites {
            let suite = workloads.compactMap { synthesize($0, using: &generator) }
            let judged = SuiteJudgement.judge(suite, policy: policy)
            comparisons = judged.count
            let twins = judged.filter { $0.candidate == TwinSimulation.twinName }
            twinComparisons = twins.count
            let wrong = twins.filter { $0.verdict.kind == .beyondNoise }
            falseFindings += wrong.count
            for finding in wrong { byWorkload[finding.workload, default: 0] += 1 }
            if !wrong.isEmpty { failed += 1 }
        }
        return Result(
            suites: suites, suitesWithFalseFinding: failed, falseFindings: falseFindings,
            comparisonsPerSuite: comparisons, twinComparisonsPerSuite: twinComparisons,
            falseFindingsByWorkload: byWorkload)
    }

    private func synthesize(_ workload: Workload, using generator: inout SeededGenerator) -> WorkloadCells? {
        guard !workload.twinSource.isEmpty else { return nil }
        var cells = workload.cells
        cells.reference.runs = resample(workload.twinSource, count: runsPerSide, using: &generator)
        cells.candidates = cells.candidates.map {
            NamedRuns(name: $0.name, runs: resample($0.runs, count: $0.runs.count, using: &generator))
        }
        cells.candidates.append(NamedRuns(
            name: TwinSimulation.twinName,
            runs: resample(workload.twinSource, count: runsPerSide, using: &generator)))
        return cells
    }

    private func resample(_ values: [Double], count: Int, using generator: inout SeededGenerator) -> [Double] {
        guard !values.isEmpty else { return [] }
        return (0..<count).map { _ in values[Int.random(in: 0..<values.count, using: &generator)] }
    }
}
