import Foundation
import BenchModel
import Statistics

/// How a steady state is said, in report.md's lines, details.md's table and the findings: one
/// sentence per configuration with the warm-up, the slope and its interval, the verdict against
/// its margin, the plateau, the final level, the requests and the verdicts against glibc.
extension CreepLine {
    /// "glibc (3 runs): warm-up 24.6 s; then +0.31 MiB/min (interval −0.12 to +0.74 MiB/min;
    /// +0.02 KiB per 1,000 requests), flat: at most 1.5 MiB over the 120 s window (margin
    /// 3.6 MiB); plateau 180.2 MiB, final 181.0 MiB; 1,234,567 requests (10,288/s); against glibc: …".
    public var sentence: String {
        var parts = ["\(warmupWords); then \(slopeWords), \(verdictWords)",
                     "plateau \(mebibytes(steady.plateauBytes)), final \(mebibytes(steady.finalBytes))"]
        parts.append(steady.requests.map { requests in
            "\(grouped(requests)) requests" + (steady.requestsPerSecond.map { " (\(grouped(Int($0.rounded())))/s)" } ?? "")
        } ?? "requests served not known")
        if let against = againstGlibcWords { parts.append("against glibc: \(against)") }
        return "\(allocator) (\(runs) run\(runs == 1 ? "" : "s")): " + parts.joined(separator: "; ")
    }

    /// "warm-up 24.6 s", or that none ended in the window's first half.
    var warmupWords: String {
        let found = steady.warmupFoundRuns
        if found == runs { return "warm-up \(Self.seconds(steady.warmupSeconds))" }
        if found == 0 { return "no steady state in the window's first half (RSS still bending): its second half measured" }
        return "warm-up \(Self.seconds(steady.warmupSeconds)) (\(found) of \(runs) runs settled in the window's first half, the others measured on their second half)"
    }

    /// "+0.31 MiB/min (interval −0.12 to +0.74 MiB/min; +0.02 KiB per 1,000 requests)".
    var slopeWords: String {
        var inside = steady.slopeIntervalBytesPerMinute.map { "interval \(Self.perMinute($0.lower)) to \(Self.perMinute($0.upper))" }
            ?? "no interval: \(steady.intervalMethod)"
        if let perRequests = steady.slopeBytesPerThousandRequests {
            inside += "; \(Self.kib(perRequests / 1024)) KiB per 1,000 requests"
        }
        return "\(Self.perMinute(steady.slopeBytesPerMinute)) (\(inside))"
    }

    /// "creeps: +4.0 MiB over the 120 s window, beyond the 3.6 MiB margin", or flat / falls / undecided.
    var verdictWords: String {
        let window = "over the \(Self.seconds(steady.windowSeconds)) window"
        let margin = Findings.size(steady.marginBytes)
        let unsettled = runs - steady.warmupFoundRuns
        if unsettled > 0 {
            let which = unsettled == runs ? "every run's window" : "\(unsettled) of \(runs) runs' windows"
            return "undecided: RSS was still bending at the end of \(which) (a warm-up longer than the window, or a creep: this window cannot tell them apart)"
        }
        switch steady.creep {
        case .grows, .shrinks:
            return "\(verdictWord): \(mebibytes(steady.creepOverWindowBytes, signed: true)) \(window), beyond the \(margin) margin"
        case .flat:
            let most = steady.slopeIntervalBytesPerMinute.map { max(abs($0.lower), abs($0.upper)) * steady.windowSeconds / 60 } ?? 0
            return "flat: at most \(Findings.size(most)) \(window), inside the \(margin) margin"
        case .noClearTrend:
            return "undecided: the interval allows more than the \(margin) margin \(window)"
        }
    }

    /// "plateau +152.1 MiB vs +180.2 MiB (−15 %, beyond noise), creep over the window within
    /// noise (±1.0 MiB)", as the allocator findings say a comparison; nil for glibc.
    var againstGlibcWords: String? {
        let parts = [plateauComparison.map { "plateau \(Findings.story($0))" },
                     creepComparison.map { "creep over the window \(Self.creepStory($0.verdict))" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// "+0.4 MiB vs +2.1 MiB (−1.7 MiB, beyond noise)": a creep's change is a difference (a share of
    /// a slope near zero says nothing).
    static func creepStory(_ verdict: Verdict) -> String {
        let figures = "\(mebibytes(verdict.candidateMedian, signed: true)) vs \(mebibytes(verdict.referenceMedian, signed: true))"
        let difference = mebibytes(verdict.candidateMedian - verdict.referenceMedian, signed: true)
        switch verdict.kind {
        case .withinNoise: return "within ±\(Findings.size(verdict.margin)) (no difference; \(figures))"
        case .undecided: return "\(figures) (\(difference), undecided: \(Findings.undecidedReason(verdict, metric: .creep)))"
        case .beyondNoise, .notJudged: return "\(figures) (\(difference), \(verdict.kind.words))"
        }
    }

    /// "+0.31 MiB/min", "−12 KiB/min" under a tenth of a MiB, "−1,208 MiB/min" past a hundred.
    static func perMinute(_ bytes: Double) -> String {
        let sign = bytes < 0 ? "−" : "+"
        if abs(bytes) < 104_858 { return sign + String(format: "%.0f KiB/min", abs(bytes) / 1024) }
        let mib = abs(bytes) / 1_048_576
        if mib >= 100 { return sign + grouped(Int(mib.rounded())) + " MiB/min" }
        return sign + String(format: mib < 10 ? "%.2f MiB/min" : "%.1f MiB/min", mib)
    }

    /// "+2.2", "+0.24": long soaks creep by fractions of a KiB per 1,000 requests.
    static func kib(_ value: Double) -> String {
        let sign = value < 0 ? "−" : "+"
        return sign + String(format: abs(value) < 1 ? "%.2f" : "%.1f", abs(value))
    }

    /// "24.6 s", "2 min 3 s".
    static func seconds(_ value: Double) -> String {
        value < 120 ? String(format: "%.1f s", value) : String(format: "%d min %d s", Int(value) / 60, Int(value) % 60)
    }
}
