import BenchModel
import MemoryProbe
import Statistics

/// Size sweeps: for every variant × configuration measured at two sizes or more, the growth of
/// its peak RSS over baseline with the size, fitted through every run (not medians), decided
/// by the slope's confidence interval against the workload's floor.
extension Report {
    public struct GrowthLine: Sendable {
        public var scenario: String
        public var variant: String
        public var allocator: String
        public var sizeUnit: String
        public var trend: GrowthTrend
        /// Median peak over baseline at each size, smallest size first.
        public var medianPeaks: [(size: Int, bytes: Double)]

        public var sentence: String { "`\(variant)` (\(allocator)): \(trend.sentence(unit: sizeUnit, sizes: medianPeaks.map(\.size)))" }
    }

    public func growthLines() -> [GrowthLine] {
        var lines: [GrowthLine] = []
        for scenario in scenarios where sizes(of: scenario.name).count >= 2 {
            var keys: [(variant: String, allocator: String)] = []
            for cell in cells where cell.key.scenario == scenario.name
                && !keys.contains(where: { $0 == (cell.key.variant, cell.key.allocator) }) {
                keys.append((cell.key.variant, cell.key.allocator))
            }
            for (variant, allocator) in keys {
                let runs = self.runs.filter {
                    $0.scenario == scenario.name && $0.variant == variant && $0.allocator == allocator && $0.status == .ok
                }
                let points = runs.compactMap { run in run.record.map { (size: run.size, bytes: $0.peakOverBaselineBytes) } }
                let sizes = Set(points.map(\.size)).sorted()
                // The floor of this variant's peak: its runs' own variation at each size, pooled.
                let noise = WorkloadNoise(pooling: sizes.map { size in points.filter { $0.size == size }.map(\.bytes) })
                let medians = sizes.compactMap { size in
                    Summary(points.filter { $0.size == size }.map(\.bytes)).map { (size: size, bytes: $0.median) }
                }
                let floor = verdictPolicy.practicalFloor(workloadSigma: noise.standardDeviation, referenceMedian: medians.first?.bytes ?? 0)
                guard let trend = GrowthTrend(x: points.map { Double($0.size) }, y: points.map(\.bytes), floor: floor,
                                              alpha: verdictPolicy.alpha) else { continue }
                lines.append(GrowthLine(scenario: scenario.name, variant: variant, allocator: allocator,
                                        sizeUnit: scenario.sizeUnit, trend: trend, medianPeaks: medians))
            }
        }
        return lines
    }

    /// Variants of swept scenarios that declare a maximum size and so ran at one size only.
    public func cappedInSweeps() -> [(scenario: ScenarioDescription, variant: ScenarioVariant)] {
        scenarios.filter { sizes(of: $0.name).count >= 2 }.flatMap { scenario in
            scenario.variants.filter { variant in
                variant.maximumSize != nil
                    && Set(cells.filter { $0.key.scenario == scenario.name && $0.key.variant == variant.name }.map(\.key.size)).count < 2
            }.map { (scenario, $0) }
        }
    }
}

extension GrowthTrend {
    /// "+328 bytes/row (interval +320 to +336), grows with N: +32.8 MiB from 10,000 to 100,000
    /// rows, beyond the 0.7 MiB floor (R² 1.00)".
    public func sentence(unit: String, sizes: [Int]) -> String {
        let singular = unit.hasSuffix("s") ? String(unit.dropLast()) : unit
        func bytes(_ value: Double) -> String {
            let rounded = value.rounded()
            return rounded == 0 ? "0" : (rounded < 0 ? "−" : "+") + String(format: "%.0f", abs(rounded))
        }
        let interval = slopeInterval.map { " (interval \(bytes($0.lower)) to \(bytes($0.upper)))" } ?? " (no interval: two sizes, one run each)"
        let slopeText = "\(bytes(slope)) bytes/\(singular)\(interval)"
        let span = "from \(grouped(sizes.first ?? 0)) to \(grouped(sizes.last ?? 0)) \(unit)"
        let quality = rSquared.map { String(format: "R² %.2f", $0) } ?? "every point equal"
        switch kind {
        case .grows:
            return "\(slopeText), grows with N: \(mebibytes(fittedGrowth, signed: true)) \(span), beyond the \(Findings.size(floor)) floor (\(quality))"
        case .shrinks:
            return "\(slopeText), shrinks with N: \(mebibytes(fittedGrowth, signed: true)) \(span), beyond the \(Findings.size(floor)) floor (\(quality))"
        case .flat:
            return "flat: \(slopeText), at most \(Findings.size(max(abs(slopeInterval?.lower ?? 0), abs(slopeInterval?.upper ?? 0)) * range)) \(span), under the \(Findings.size(floor)) floor"
        case .noClearTrend:
            return "\(slopeText), no clear trend \(span): the interval allows more than the \(Findings.size(floor)) floor either way (\(quality))"
        }
    }
}

extension Findings {
    /// One finding per swept variant under glibc (the reference): grows with N, flat, or no
    /// clear trend, with the slope's interval; a capped variant says it was not swept.
    static func growthFindings(_ report: Report) -> [Finding] {
        let lines = report.growthLines().filter { $0.allocator == "glibc" }.map { line -> Finding in
            let verdict: Verdict.Kind
            switch line.trend.kind {
            case .grows, .shrinks: verdict = .beyondNoise
            case .flat: verdict = .withinNoise
            case .noClearTrend: verdict = .undecided
            }
            return Finding(kind: .growth, scenario: line.scenario, variants: [line.variant], configurations: [line.allocator],
                           verdict: verdict,
                           text: "\(line.scenario) sweep, `\(line.variant)`, peak over baseline under glibc: \(line.trend.sentence(unit: line.sizeUnit, sizes: line.medianPeaks.map(\.size))).",
                           beyondNoise: verdict == .beyondNoise)
        }
        let capped = report.cappedInSweeps().map { scenario, variant in
            Finding(kind: .growth, scenario: scenario.name, variants: [variant.name], verdict: .notJudged,
                    text: "\(scenario.name) sweep, `\(variant.name)`: capped at \(grouped(variant.maximumSize ?? 0)) \(scenario.sizeUnit), so it ran at one size and is not swept.",
                    beyondNoise: false)
        }
        return lines + capped
    }
}
