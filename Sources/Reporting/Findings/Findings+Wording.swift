import Foundation
import BenchModel
import Statistics

/// How findings (and the recommendation, the tables and the sweep and soak sentences) say a
/// change, a small size, the runs behind a verdict and the verdict itself.
extension Findings {
    /// "−52 %" (a true minus sign, as typeset), "5.4× as much" past +200 %; against a reference
    /// under 1 MiB the difference itself ("+14.2 MiB"): "330× as much" of 0.04 MiB says nothing.
    static func change(_ mine: Double, from theirs: Double) -> String {
        if abs(theirs) < 1_048_576 {
            let difference = mine - theirs
            return (difference < 0 ? "−" : "+") + size(abs(difference))
        }
        let percent = (mine - theirs) / abs(theirs) * 100
        if percent > 200 && theirs > 0 { return String(format: "%.1f× as much", mine / theirs) }
        return (percent < 0 ? "−" : "+") + String(format: "%.0f %%", abs(percent))
    }

    /// A floor or a small difference: "8 KiB" under a tenth of a MiB, else "1.7 MiB".
    static func size(_ bytes: Double) -> String {
        abs(bytes) < 104_858 ? String(format: "%.0f KiB", bytes / 1024) : mebibytes(bytes)
    }

    /// Why a verdict is undecided and what would decide it: more runs (how many), or nothing,
    /// because the runs vary more than the margin it would take to say "no difference".
    static func undecidedReason(_ verdict: Verdict, metric: Comparison.Metric = .peak) -> String {
        if let more = verdict.additionalRunsPerSide { return "about \(more) more run\(more == 1 ? "" : "s") per side would decide" }
        if let detectable = verdict.smallestDetectableEffect, detectable > verdict.margin, abs(verdict.effect) <= verdict.floor {
            return "the runs vary too much to tell: the smallest difference they could show is \(metric.amount(detectable)), wider than the ±\(metric.amount(verdict.margin)) margin"
        }
        return "more runs are unlikely to decide"
    }

    /// "3 runs each" or "3 vs 5 runs".
    static func runs(_ verdict: Verdict) -> String {
        verdict.referenceRuns == verdict.candidateRuns
            ? "\(verdict.referenceRuns) run\(verdict.referenceRuns == 1 ? "" : "s") each"
            : "\(verdict.candidateRuns) vs \(verdict.referenceRuns) runs"
    }

    /// The verdict in words with the numbers behind it: "beyond noise: −30.9 MiB, 95 % interval
    /// −31.0 to −30.8, floor 0.7 MiB".
    static func judged(_ verdict: Verdict) -> String {
        let floor = "floor \(size(verdict.floor))"
        let interval = verdict.interval.map { "interval \(mebibytes($0.lower, signed: true).dropLast(4)) to \(mebibytes($0.upper, signed: true))" }
        switch verdict.kind {
        case .beyondNoise:
            return "beyond noise: \(mebibytes(verdict.effect, signed: true)), \(interval ?? ""), \(floor)"
        case .withinNoise:
            return "within noise: \(interval ?? ""), inside the ±\(size(verdict.margin)) margin"
        case .undecided:
            return "undecided (\(undecidedReason(verdict)); \(interval ?? ""), \(floor))"
        case .notJudged:
            return "not judged: no spread known (single runs)"
        }
    }
}
