import Foundation
import BenchModel
import Statistics

extension GrowthTrend {
    /// "+328 bytes/row (interval +320 to +336), grows with N: +32.8 MiB from 10,000 to 100,000
    /// rows, beyond the 0.7 MiB floor (R² 1.00)".
    public func sentence(unit: String, sizes: [Int]) -> String {
        func bytes(_ value: Double) -> String {
            let rounded = value.rounded()
            return rounded == 0 ? "0" : (rounded < 0 ? "−" : "+") + String(format: "%.0f", abs(rounded))
        }
        let interval = slopeInterval.map { " (interval \(bytes($0.lower)) to \(bytes($0.upper)))" } ?? " (no interval: two sizes, one run each)"
        let slopeText = "\(bytes(slope)) bytes/\(Self.singular(unit))\(interval)"
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

    /// "rows" → "row", for "bytes per row".
    static func singular(_ unit: String) -> String { unit.hasSuffix("s") ? String(unit.dropLast()) : unit }

    /// The verdict a finding gives this trend (see `GrowthTrend.Kind.verdict`).
    var verdict: Verdict.Kind { kind.verdict }
}

extension GrowthTrend.Kind {
    /// The verdict a finding gives a trend of this kind (a sweep's growth, a service's creep):
    /// grows or shrinks beyond noise, flat within noise.
    var verdict: Verdict.Kind {
        switch self {
        case .grows, .shrinks: return .beyondNoise
        case .flat: return .withinNoise
        case .noClearTrend: return .undecided
        }
    }
}
