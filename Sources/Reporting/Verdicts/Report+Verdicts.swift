import BenchModel
import Statistics

extension Report {
    /// Every comparison the report makes, judged together: each workload's run-to-run noise is
    /// pooled over all its configurations' cells (and at least that of the same variant at every
    /// size), each comparison is a t test on that pooled σ, and the p-values are adjusted (Holm)
    /// over all of them, so the chance of any false "beyond noise" in the whole report stays
    /// under α. See the README's "How findings are decided". The cells are pooled in one order
    /// (see `NoisePools.canonical`), so the same runs give the same report bytes every time.
    static func decideComparisons(_ report: Report) -> [Comparison] {
        let plan = ComparisonPlan(report: report)
        func workload(_ cell: CellKey, _ metric: Comparison.Metric) -> String { "\(cell.scenario)|\(cell.variant)|\(cell.size)|\(metric)" }
        func scope(_ cell: CellKey, _ metric: Comparison.Metric) -> String { "\(cell.scenario)|\(cell.variant)|\(metric)" }
        var pools = NoisePools()
        // In plan order (cells in report order, metrics in theirs), never a dictionary's.
        for cell in plan.cells {
            for metric in Comparison.Metric.allCases {
                guard let runs = plan.values[cell]?[metric] else { continue }
                pools.add(runs, workload: workload(cell, metric), scope: scope(cell, metric))
            }
        }
        func noise(_ cell: CellKey, _ metric: Comparison.Metric) -> WorkloadNoise {
            pools.noise(workload: workload(cell, metric), scope: scope(cell, metric))
        }
        let policy = report.verdictPolicy
        // Wall time in seconds: the instrument's floor is the clock's, not RSS's.
        var timePolicy = policy
        timePolicy.instrumentFloorBytes = ReportMetric.timeFloorSeconds
        let tests = plan.planned.map { planned -> DifferenceTest in
            var pooled = noise(planned.reference, planned.metric)
            // Two variants are two workloads: the noisier one sets the bar.
            if planned.kind.isVariantComparison { pooled = pooled.atLeast(noise(planned.candidate, planned.metric)) }
            var testPolicy = planned.metric.isBytes ? policy : timePolicy
            // A creep's margin is a share of the plateau it creeps from, not of the creep (2 % of a
            // creep near zero would be no margin at all).
            if planned.metric == .creep, let plateau = Sample.median(plan.values[planned.reference]?[.plateau] ?? []) {
                testPolicy.instrumentFloorBytes = max(policy.instrumentFloorBytes, policy.equivalenceMargin(referenceMedian: plateau))
            }
            return DifferenceTest(reference: plan.values[planned.reference]?[planned.metric] ?? [],
                                  candidate: plan.values[planned.candidate]?[planned.metric] ?? [],
                                  noise: pooled, policy: testPolicy)
        }
        return zip(plan.planned, Verdict.judge(tests, policy: policy)).map { planned, verdict in
            Comparison(kind: planned.kind, scenario: planned.scenario, size: planned.size,
                       referenceVariant: planned.reference.variant, referenceConfiguration: planned.reference.allocator,
                       candidateVariant: planned.candidate.variant, candidateConfiguration: planned.candidate.allocator,
                       metric: planned.metric, phase: planned.phase, verdict: verdict)
        }
    }

    /// The smallest difference the cell's peak comparisons could have called beyond noise; nil
    /// when none was judged.
    public func smallestDetectablePeakDifference(_ cell: CellKey) -> Double? {
        comparisons.filter { $0.metric == .peak && ($0.candidateCell == cell || $0.referenceCell == cell) }
            .compactMap(\.verdict.smallestDetectableEffect).min()
    }

    /// The comparisons more runs would decide: undecided, with an estimate of how many runs it takes.
    public var comparisonsToDecide: [Comparison] {
        comparisons.filter { $0.verdict.kind == .undecided && $0.verdict.additionalRunsPerSide != nil }
    }

    /// Their cells: what adaptive repetitions run again.
    public var cellsToDecide: Set<CellKey> {
        Set(comparisonsToDecide.flatMap { [$0.referenceCell, $0.candidateCell] })
    }
}
