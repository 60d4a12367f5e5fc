import BenchModel
import Statistics

extension MergedReport.Row {
    /// "jemalloc-preload vs glibc (`unbounded`)" or "`batched` vs `load-all` (glibc)".
    var subject: String {
        kind == .allocator ? "\(candidateConfiguration) vs \(referenceConfiguration) (`\(candidateVariant)`)"
            : "`\(candidateVariant)` vs `\(referenceVariant)` (\(candidateConfiguration))"
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

    /// "lowers it (−12.0 MiB, beyond noise)".
    var words: String {
        let effect = mebibytes(effectBytes, signed: true)
        switch direction {
        case -1: return "lowers it (\(effect), beyond noise)"
        case 1: return "raises it (\(effect), beyond noise)"
        case 0: return "makes no difference beyond noise (\(effect))"
        default: return "is \(verdict.words) (\(effect))"
        }
    }
}

extension MergedReport {
    /// One sentence per comparison whose decided verdicts point different ways on different
    /// testbeds: each testbed's own verdict, side by side, never a test across them.
    static func disagreements(_ scenarios: [ScenarioSideBySide], testbeds: [String]) -> [String] {
        scenarios.flatMap { scenario in
            scenario.rows.compactMap { row -> String? in
                let decided = zip(testbeds, row.figures).compactMap { name, figure -> (String, Figure)? in
                    guard let figure, figure.direction != nil else { return nil }
                    return (name, figure)
                }
                guard Set(decided.compactMap { $0.1.direction }).count > 1 else { return nil }
                let sides = decided.map { "on `\($0.0)` it \($0.1.words)" }.joined(separator: "; ")
                return "\(scenario.scenario), \(grouped(row.size)) \(scenario.sizeUnit), \(row.metric.words): \(row.subject): testbeds disagree: \(sides)."
            }
        }
    }
}
