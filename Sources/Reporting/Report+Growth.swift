import BenchModel
import MemoryProbe

/// Size sweeps: for every variant × allocator measured at two sizes or more, the least-squares
/// growth of its peak RSS over baseline with the size, fitted through every run (not medians).
extension Report {
    public struct GrowthLine: Sendable {
        public var scenario: String
        public var variant: String
        public var allocator: String
        public var sizeUnit: String
        public var fit: GrowthFit
        /// Median peak over baseline at each size, smallest size first.
        public var medianPeaks: [(size: Int, bytes: Double)]

        public var sentence: String { "`\(variant)` (\(allocator)): \(fit.sentence(unit: sizeUnit))" }
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
                let points = runs.compactMap { run in run.record.map { (size: run.size, bytes: Double($0.peakBytes - $0.baselineBytes)) } }
                guard let fit = GrowthFit(points) else { continue }
                let medians = Set(points.map(\.size)).sorted().compactMap { size in
                    Summary(points.filter { $0.size == size }.map(\.bytes)).map { (size: size, bytes: $0.median) }
                }
                lines.append(GrowthLine(scenario: scenario.name, variant: variant, allocator: allocator,
                                        sizeUnit: scenario.sizeUnit, fit: fit, medianPeaks: medians))
            }
        }
        return lines
    }
}

extension Findings {
    /// One finding per swept variant under glibc (the reference): grows with N, or flat.
    static func growthFindings(_ report: Report) -> [Finding] {
        let allowance = mebibytes(GrowthFit.defaultAllowanceBytes)
        return report.growthLines().filter { $0.allocator == "glibc" }.map { line in
            // Say in words what the verdict means against the noise, as every other finding does.
            let judged: String
            switch line.fit.verdict() {
            case .grows: judged = "beyond noise (it rises more than \(allowance) over the sizes)"
            case .flat: judged = "no growth beyond noise (every run within \(allowance) of the others)"
            case .unclear: judged = "not judged: the runs scatter more than \(allowance) without a clear trend"
            }
            return Finding(scenario: line.scenario,
                           text: "\(line.scenario) sweep: \(line.variant): \(line.fit.sentence(unit: line.sizeUnit)), peak over baseline under glibc; \(judged).",
                           beyondNoise: line.fit.verdict() != .unclear)
        }
    }
}
