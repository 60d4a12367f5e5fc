import Foundation
import BenchModel

/// The report's comparisons in plain words, most important first: failures, then differences
/// beyond noise (largest first), then what made no difference. A difference is called beyond
/// noise only when the runs' ranges do not overlap and it exceeds the instrument floor; with
/// single runs nothing is judged, and the report says so once rather than in every sentence.
public enum Findings {
    /// Differences smaller than this are never called beyond noise: the floor `bench doctor
    /// --calibrate` measured, while `Report.attachCalibration` derives a calibrated report's
    /// findings, else `defaultNoiseFloorBytes` (see `Report+Calibration.swift`).
    public static var noiseFloorBytes: Double { calibratedNoiseFloorBytes ?? defaultNoiseFloorBytes }

    /// A finding with how much it matters (the difference in bytes), for ordering.
    struct Ranked {
        var finding: Finding
        var weight: Double
    }

    public static func derive(from report: Report) -> [Finding] {
        // Runs that failed, ran out of memory or timed out come first, one finding per cell.
        var findings = failureFindings(report) + capFindings(report)
        let ok = report.cells.filter { $0.status == .ok }
        if !ok.isEmpty && ok.allSatisfy({ $0.okRuns < 2 }) {
            findings.append(Finding(scenario: nil, text: "Every cell has a single run, so no spread is known and no difference below is judged beyond noise; use --runs 3 or more to judge.", beyondNoise: false))
        }
        findings += figureMismatches(report)
        var ranked: [Ranked] = []
        for scenario in report.scenarios {
            for size in report.sizes(of: scenario.name) {
                ranked += variantFindings(report, scenario: scenario, size: size)
                ranked += allocatorFindings(report, scenario: scenario, size: size)
            }
        }
        // Beyond noise first, largest difference first; the order of the report otherwise.
        let ordered = ranked.enumerated().sorted { a, b in
            if a.element.finding.beyondNoise != b.element.finding.beyondNoise { return a.element.finding.beyondNoise }
            if a.element.finding.beyondNoise && a.element.weight != b.element.weight { return a.element.weight > b.element.weight }
            return a.offset < b.offset
        }
        return findings + ordered.map(\.element.finding) + growthFindings(report)
    }

    /// "3 runs, spread ±1 %", or "1 run" (whose spread is unknown).
    static func describe(_ summary: Summary) -> String {
        guard summary.count > 1 else { return "1 run" }
        return "\(summary.count) runs, spread " + (summary.spreadPercent.map { String(format: "±%.0f %%", $0) } ?? "±0 %")
    }

    /// Both sides' runs and spreads, said once when they agree.
    static func describe(_ a: Summary, _ b: Summary) -> String {
        let left = describe(a), right = describe(b)
        if left == right { return a.count > 1 ? left.replacingOccurrences(of: " runs,", with: " runs each,") : "1 run each" }
        if a.count == b.count, let x = a.spreadPercent, let y = b.spreadPercent {
            return String(format: "%d runs each, spread ±%.0f %% vs ±%.0f %%", a.count, x, y)
        }
        return "\(left) vs \(right)"
    }

    static func noise(_ a: Summary, _ b: Summary) -> Bool {
        a.differsBeyondNoise(from: b, floor: noiseFloorBytes)
    }

    /// "−52 %" (a true minus sign, as typeset).
    static func change(_ mine: Double, from theirs: Double) -> String {
        guard theirs != 0 else { return "n/a" }
        let percent = (mine - theirs) / abs(theirs) * 100
        // Past +1000 % a percentage is hard to read: say how many times as much.
        if percent > 1000 && theirs > 0 { return String(format: "%.0f× as much", mine / theirs) }
        return (percent < 0 ? "−" : "+") + String(format: "%.0f %%", abs(percent))
    }

    static func judged(_ a: Summary, _ b: Summary, beyond: Bool) -> String {
        if a.count < 2 || b.count < 2 { return "not judged: spread unknown" }
        return beyond ? "beyond noise" : "within noise"
    }

    /// Each fix against the pitfall (the scenario's first variant), on peak over baseline.
    static func variantFindings(_ report: Report, scenario: Report.ScenarioInfo, size: Int) -> [Ranked] {
        guard let first = scenario.variants.first else { return [] }
        var ranked: [Ranked] = []
        let reference = "glibc"
        let where_ = "\(scenario.name)\(scenario.sized(size, joiner: ", "))"
        for variant in scenario.variants.dropFirst() {
            guard let pitfall = pitfall(of: variant.name, in: scenario, otherwise: first) else { continue }
            guard let base = report.cell(scenario.name, pitfall.name, reference, size)?.peakOverBaselineBytes,
                  let fix = report.cell(scenario.name, variant.name, reference, size)?.peakOverBaselineBytes,
                  base.median > 0 else { continue }
            let beyond = noise(fix, base)
            var text = "\(where_): `\(variant.name)` peaks at \(mebibytes(fix.median, signed: true)) vs "
                + "\(mebibytes(base.median, signed: true)) for `\(pitfall.name)` under glibc "
                + "(\(change(fix.median, from: base.median)), \(describe(fix, base)); \(judged(fix, base, beyond: beyond)))."
            // The same comparison under every other verified allocator, as a range.
            var changes: [Double] = []
            for cell in report.cells(scenario: scenario.name, size: size) where cell.key.variant == variant.name && cell.key.allocator != reference {
                if let f = cell.peakOverBaselineBytes, let b = report.cell(scenario.name, pitfall.name, cell.key.allocator, size)?.peakOverBaselineBytes, b.median > 0 {
                    changes.append((f.median - b.median) / b.median * 100)
                }
            }
            if let low = changes.min(), let high = changes.max() {
                let format = { (value: Double) in (value < 0 ? "−" : "+") + String(format: "%.0f", abs(value)) }
                let range = format(low) == format(high) ? "\(format(low)) %" : "\(format(low)) to \(format(high)) %"
                text += " Under the other \(changes.count) allocator configuration\(changes.count == 1 ? "" : "s"): \(range)."
            }
            ranked.append(Ranked(finding: Finding(scenario: scenario.name, text: text, beyondNoise: beyond),
                                 weight: abs(base.median - fix.median)))
        }
        return ranked
    }

    /// Each allocator against glibc, per variant, on peak and on RSS after the phase that
    /// releases memory; allocators that made no difference are said once per scenario.
    static func allocatorFindings(_ report: Report, scenario: Report.ScenarioInfo, size: Int) -> [Ranked] {
        var ranked: [Ranked] = []
        let phase = ReportCharts.releasePhase(scenario)
        let where_ = "\(scenario.name)\(scenario.sized(size, joiner: ", "))"
        // Per allocator: the variants where it was compared, and those where it differed.
        var compared: [String: [String]] = [:]
        var differed: [String: [String]] = [:]
        var order: [String] = []
        var singleRuns = false
        for variant in scenario.variants {
            guard let glibc = report.cell(scenario.name, variant.name, "glibc", size), glibc.status == .ok else { continue }
            for cell in report.cells(scenario: scenario.name, size: size)
            where cell.key.variant == variant.name && cell.key.allocator != "glibc" && cell.status == .ok {
                let allocator = cell.key.allocator
                if !order.contains(allocator) { order.append(allocator) }
                compared[allocator, default: []].append(variant.name)
                for (label, pick) in [("peak", { (c: CellReport) in c.peakOverBaselineBytes }),
                                      ("after \(phase)", { (c: CellReport) in c.rssAfterPhaseOverBaselineBytes[phase] })] {
                    guard let mine = pick(cell), let theirs = pick(glibc) else { continue }
                    if mine.count < 2 || theirs.count < 2 { singleRuns = true }
                    guard noise(mine, theirs) else { continue }
                    if !(differed[allocator]?.contains(variant.name) ?? false) { differed[allocator, default: []].append(variant.name) }
                    ranked.append(Ranked(finding: Finding(scenario: scenario.name, text:
                        "\(where_), `\(variant.name)`: \(allocator) \(mebibytes(mine.median, signed: true)) \(label) vs "
                        + "\(mebibytes(theirs.median, signed: true)) for glibc (\(change(mine.median, from: theirs.median)), \(describe(mine, theirs)); beyond noise).",
                        beyondNoise: true), weight: abs(mine.median - theirs.median)))
                }
            }
        }
        // What made no difference: one sentence per scenario, naming the variants only when it
        // differed in some of them.
        var quietEverywhere: [String] = []
        for allocator in order {
            let same = (compared[allocator] ?? []).filter { !(differed[allocator] ?? []).contains($0) }
            if same.isEmpty { continue }
            if same.count == compared[allocator]?.count { quietEverywhere.append(allocator); continue }
            ranked.append(Ranked(finding: Finding(scenario: scenario.name, text:
                "\(where_): \(allocator) made no difference beyond noise from glibc in \(same.map { "`\($0)`" }.joined(separator: ", ")) (peak and after \(phase)).",
                beyondNoise: false), weight: 0))
        }
        if !quietEverywhere.isEmpty {
            let verb = singleRuns ? "could not be told apart from glibc (single runs, spread unknown)"
                : "made no difference beyond noise from glibc in any variant (peak and after \(phase))"
            ranked.append(Ranked(finding: Finding(scenario: scenario.name, text:
                "\(where_): \(quietEverywhere.joined(separator: ", ")) \(verb).", beyondNoise: false), weight: 0))
        }
        return ranked
    }
}
