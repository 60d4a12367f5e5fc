import Foundation
import BenchModel
import Statistics

/// `bench compare --metric allocations`: counts are exact, so there is no noise model to lean
/// on, only the runs' own range. A cell is a regression when the head's smallest count exceeds
/// the base's largest by more than the absolute threshold and its median by more than the
/// relative one (an improvement the other way round); ranges that overlap are within noise;
/// equal counts in every run are unchanged. Both thresholds, because counts that never vary
/// within a suite can still move by one between suites of the same build (seen: +1 malloc in
/// 16,013 under jemalloc), which a threshold of zero would call a regression. Single-threaded
/// work counts the same in every run; counts that vary between runs of a cell (threads, timers,
/// lazily initialised state) are named in a warning, since only their ranges can be compared.
extension ReportComparison {
    static func allocationRow(_ key: CellKey, base: [Double], head: [Double], absoluteThreshold: Double, thresholdPercent: Double) -> Row? {
        guard let baseSummary = Summary(base), let headSummary = Summary(head) else { return nil }
        let effect = headSummary.median - baseSummary.median
        let gap = max(headSummary.min - baseSummary.max, baseSummary.min - headSummary.max)
        let changePercent = baseSummary.median != 0 ? effect / baseSummary.median * 100 : nil
        let verdict: Verdict
        let kind: Statistics.Verdict.Kind
        if Set(base + head).count == 1 {
            (verdict, kind) = (.unchanged, .withinNoise)
        } else if gap <= 0 {
            (verdict, kind) = (.withinNoise, .withinNoise)
        } else if gap <= absoluteThreshold || abs(changePercent ?? .infinity) <= thresholdPercent {
            (verdict, kind) = (.belowThreshold, .beyondNoise)
        } else {
            (verdict, kind) = (headSummary.min > baseSummary.max ? .regression : .improvement, .beyondNoise)
        }
        let statistics = Statistics.Verdict.exactCounts(kind: kind, effect: effect, floor: absoluteThreshold,
                                                        reference: (baseSummary.count, baseSummary.median),
                                                        candidate: (headSummary.count, headSummary.median))
        return Row(key: key, base: baseSummary, head: headSummary,
                   changePercent: changePercent,
                   verdict: verdict, statistics: statistics)
    }

    /// The warnings of an allocation comparison: cells whose counts vary between runs.
    static func allocationWarnings(_ rows: [Row]) -> [String] {
        let varying = rows.filter { $0.base.min != $0.base.max || $0.head.min != $0.head.max }
        guard !varying.isEmpty else { return [] }
        return ["the counts of \(varying.count) cell(s) are not deterministic (they vary between runs: threads, timers or lazily initialised state), so only their ranges are compared: "
                + varying.map { "\($0.key.scenario) \(Markdown.code($0.key.variant)) × \($0.key.allocator)" }.joined(separator: "; ")]
    }
}

extension ReportComparison {
    static func allocationMethod(basePath: String, headPath: String, absoluteThreshold: Double, thresholdPercent: Double) -> Markdown {
        "Base \(code: basePath) → head \(code: headPath); counted cells only (`NAME+count`), mallocs per run over the measured phases; thresholds \(FigureText.count(absoluteThreshold)) mallocs and \(String(format: "%g", thresholdPercent)) %. "
            + "Counts are exact: a change is a regression (or an improvement) when the head's smallest count exceeds the base's largest (or the other way round) by more than the absolute threshold and the median changes by more than the relative one; overlapping ranges are within noise."
    }
}
