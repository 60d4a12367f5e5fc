import BenchModel
import Statistics

extension MergedReport.Row {
    /// "jemalloc-preload vs glibc (`unbounded`)" or "`batched` vs `load-all` (glibc)".
    var subject: String {
        kind == .allocator ? "\(candidateConfiguration) vs \(referenceConfiguration) (\(Markdown.code(candidateVariant)))"
            : "\(Markdown.code(candidateVariant)) vs \(Markdown.code(referenceVariant)) (\(candidateConfiguration))"
    }
}

extension MergedReport.Figure {
    /// -1 lower, +1 higher (beyond noise), 0 within noise; nil when undecided or not judged,
    /// which never counts as a disagreement.
    var direction: Int? {
        switch verdict {
        case .beyondNoise: return effectBytes < 0 ? -1 : 1
        case .withinNoise: return 0
        case .undecided, .notJudged: return nil
        }
    }

    /// Whether this effect lies outside another testbed's interval (false without one).
    func outside(_ interval: Interval?) -> Bool {
        guard let interval else { return false }
        return !interval.contains(effectBytes)
    }

    /// "lowers it (−12.0 MiB, beyond noise)".
    var words: String {
        let effect = mebibytes(effectBytes, signed: true)
        switch direction {
        case -1: return "lowers it (\(effect), beyond noise)"
        case 1: return "raises it (\(effect), beyond noise)"
        case 0:
            let range = interval.map { ", interval \(mebibytes($0.lower, signed: true)) to \(mebibytes($0.upper, signed: true))" } ?? ""
            return "makes no difference beyond noise (\(effect)\(range))"
        default: return "is \(verdict.words) (\(effect))"
        }
    }
}

extension MergedReport {
    /// Whether two testbeds' own verdicts on one comparison disagree: beyond noise both ways, or
    /// beyond noise on one while the other's interval (within noise) leaves out that effect. A
    /// "within noise" whose interval holds the other's effect is the same figure, less certain.
    static func disagree(_ a: Figure, _ b: Figure) -> Bool {
        switch (a.direction, b.direction) {
        case let (x?, y?) where x != 0 && y != 0: return x != y
        case (0?, let y?) where y != 0: return b.outside(a.interval)
        case (let x?, 0?) where x != 0: return a.outside(b.interval)
        default: return false
        }
    }

    /// One sentence per comparison whose decided verdicts disagree on different testbeds (see
    /// `disagree`): each testbed's own verdict, side by side, never a test across them.
    static func disagreements(_ scenarios: [ScenarioSideBySide], testbeds: [String]) -> [String] {
        scenarios.flatMap { scenario in
            scenario.rows.compactMap { row -> String? in
                let decided = zip(testbeds, row.figures).compactMap { name, figure -> (String, Figure)? in
                    guard let figure, figure.direction != nil else { return nil }
                    return (name, figure)
                }
                let figures = decided.map(\.1)
                guard figures.indices.contains(where: { i in figures.indices.contains { j in i < j && disagree(figures[i], figures[j]) } }) else { return nil }
                let sides = decided.map { "on \(Markdown.code($0.0)) it \($0.1.words)" }.joined(separator: "; ")
                return "\(scenario.scenario), \(grouped(row.size)) \(scenario.sizeUnit), \(row.metric.words): \(row.subject): testbeds disagree: \(sides)."
            }
        }
    }
}
