import BenchModel
import MemoryProbe
import Statistics

/// Size sweeps: for every variant × configuration measured at two sizes or more, the growth of
/// its peak RSS over baseline with the size, fitted through every run (not medians), decided
/// by the slope's confidence interval against the workload's floor (`ReportDecisions.growth`).
public struct GrowthLine: Sendable {
    public var scenario: String
    public var variant: String
    public var allocator: String
    public var sizeUnit: String
    public var trend: GrowthTrend
    /// Median peak over baseline at each size, smallest size first.
    public var medianPeaks: [(size: Int, bytes: Double)]

    public var sentence: String {
        "\(Markdown.code(variant)) (\(allocator)): \(trend.sentence(unit: sizeUnit, sizes: medianPeaks.map(\.size)))"
    }

    /// Every swept scenario's lines, in report order.
    static func lines(_ report: Report) -> [GrowthLine] {
        var lines: [GrowthLine] = []
        for scenario in report.scenarios where report.sizes(of: scenario.name).count >= 2 {
            let keys = report.cells.filter { $0.key.scenario == scenario.name }.map { [$0.key.variant, $0.key.allocator] }.uniqued()
            for key in keys {
                let (variant, allocator) = (key[0], key[1])
                let runs = report.runs.filter {
                    $0.scenario == scenario.name && $0.variant == variant && $0.allocator == allocator && $0.status == .ok
                }
                let points = runs.compactMap { run in run.record.map { (size: run.size, bytes: $0.peakOverBaselineBytes) } }
                let sizes = Set(points.map(\.size)).sorted()
                // The floor of this variant's peak: its runs' own variation at each size, pooled.
                let noise = WorkloadNoise(pooling: sizes.map { size in points.filter { $0.size == size }.map(\.bytes) })
                let medians = sizes.compactMap { size in
                    Summary(points.filter { $0.size == size }.map(\.bytes)).map { (size: size, bytes: $0.median) }
                }
                let policy = report.verdictPolicy
                let floor = policy.practicalFloor(workloadSigma: noise.standardDeviation, referenceMedian: medians.first?.bytes ?? 0)
                guard let trend = GrowthTrend(x: points.map { Double($0.size) }, y: points.map(\.bytes), floor: floor,
                                              alpha: policy.alpha) else { continue }
                lines.append(GrowthLine(scenario: scenario.name, variant: variant, allocator: allocator,
                                        sizeUnit: scenario.sizeUnit, trend: trend, medianPeaks: medians))
            }
        }
        return lines
    }

    /// The configuration a scenario's sweep ran under: the one measured at the most sizes, the
    /// first in report order if tied (the others' lines go through the main size and a capped
    /// variant's size only). The table and the chart of report.md show its lines.
    static func sweepConfiguration(of scenario: String, in lines: [GrowthLine]) -> String? {
        lines.filter { $0.scenario == scenario }.max { $0.medianPeaks.count < $1.medianPeaks.count }?.allocator
    }

    /// Variants of swept scenarios that declare a maximum size and so ran at one size only.
    static func capped(_ report: Report) -> [(scenario: ScenarioDescription, variant: ScenarioVariant)] {
        report.scenarios.filter { report.sizes(of: $0.name).count >= 2 }.flatMap { scenario in
            scenario.variants.filter { variant in
                variant.maximumSize != nil
                    && Set(report.cells.filter { $0.key.scenario == scenario.name && $0.key.variant == variant.name }.map(\.key.size)).count < 2
            }.map { (scenario, $0) }
        }
    }
}
