import BenchModel
import MemoryProbe
import Statistics

extension GrowthLine {
    /// One finding per swept variant under glibc (the reference): grows with N, flat, or no
    /// clear trend, with the slope's interval; a capped variant says it was not swept.
    static func findings(_ report: Report) -> [Finding] {
        let lines = report.decisions.growth.filter { $0.allocator == ComparisonPlan.referenceConfiguration }.map { line -> Finding in
            let verdict = line.trend.verdict
            return Finding(kind: .growth, scenario: line.scenario, variants: [line.variant], configurations: [line.allocator],
                           verdict: verdict,
                           text: "\(line.scenario) sweep, \(Markdown.code(line.variant)), peak over baseline under glibc: \(line.trend.sentence(unit: line.sizeUnit, sizes: line.medianPeaks.map(\.size))).",
                           beyondNoise: verdict == .beyondNoise)
        }
        let capped = capped(report).map { scenario, variant in
            Finding(kind: .growth, scenario: scenario.name, variants: [variant.name], verdict: .notJudged,
                    text: "\(scenario.name) sweep, \(Markdown.code(variant.name)): capped at \(grouped(variant.maximumSize ?? 0)) \(scenario.sizeUnit), so it ran at one size and is not swept.",
                    beyondNoise: false)
        }
        return lines + capped
    }
}
