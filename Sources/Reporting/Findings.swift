import Foundation
import Harness

/// The report's comparisons in plain words. A difference is called beyond noise only when the
/// runs' ranges do not overlap and it exceeds the instrument floor; otherwise it says "within noise".
public enum Findings {
    /// Differences smaller than this are never called beyond noise: the floor `bench doctor
    /// --calibrate` measured, while `Report.attachCalibration` derives a calibrated report's
    /// findings, else `defaultNoiseFloorBytes` (see `Report+Calibration.swift`).
    public static var noiseFloorBytes: Double { calibratedNoiseFloorBytes ?? defaultNoiseFloorBytes }

    public static func derive(from report: Report) -> [Finding] {
        var findings: [Finding] = []
        let failed = report.cells.filter { $0.status == .failed }
        if !failed.isEmpty {
            findings.append(Finding(scenario: nil, text: "\(failed.count) cell(s) failed: "
                + failed.prefix(3).map { "\($0.key.variant) × \($0.key.allocator) (\($0.reasons.first ?? "no reason"))" }.joined(separator: "; ")
                + (failed.count > 3 ? "; see Failed and skipped runs" : ""), beyondNoise: true))
        }
        for scenario in report.scenarios {
            for size in report.sizes(of: scenario.name) {
                findings += variantFindings(report, scenario: scenario, size: size)
                findings += allocatorFindings(report, scenario: scenario, size: size)
            }
        }
        return findings
    }

    static func describe(_ summary: Summary) -> String {
        let spread = summary.spreadPercent.map { String(format: "spread ±%.0f %%", $0) } ?? "spread unknown"
        return "\(summary.count) run\(summary.count == 1 ? "" : "s"), \(spread)"
    }

    static func noise(_ a: Summary, _ b: Summary) -> (Bool, String) {
        if a.count < 2 || b.count < 2 { return (false, "single runs: spread unknown, not judged") }
        return a.differsBeyondNoise(from: b, floor: noiseFloorBytes) ? (true, "beyond noise") : (false, "within noise")
    }

    /// Each fix against the pitfall (the scenario's first variant), on peak over baseline.
    static func variantFindings(_ report: Report, scenario: Report.ScenarioInfo, size: Int) -> [Finding] {
        guard let pitfall = scenario.variants.first else { return [] }
        var findings: [Finding] = []
        let reference = "glibc"
        for variant in scenario.variants.dropFirst() {
            guard let base = report.cell(scenario.name, pitfall.name, reference, size)?.peakOverBaselineBytes,
                  let fix = report.cell(scenario.name, variant.name, reference, size)?.peakOverBaselineBytes,
                  base.median > 0 else { continue }
            let (beyond, verdict) = noise(fix, base)
            let percent = fix.median / base.median * 100
            var text = "\(scenario.name) at \(grouped(size)) \(scenario.sizeUnit): \(variant.name) peaked at "
                + "\(mebibytes(fix.median, signed: true)) over its baseline, \(String(format: "%.0f", percent)) % of "
                + "\(pitfall.name)'s \(mebibytes(base.median, signed: true)) under glibc (\(describe(fix)) vs \(describe(base)); \(verdict))."
            // The same comparison under every other verified allocator, as a range.
            var ratios: [Double] = []
            for cell in report.cells(scenario: scenario.name, size: size) where cell.key.variant == variant.name && cell.key.allocator != reference {
                if let f = cell.peakOverBaselineBytes, let b = report.cell(scenario.name, pitfall.name, cell.key.allocator, size)?.peakOverBaselineBytes, b.median > 0 {
                    ratios.append(f.median / b.median * 100)
                }
            }
            if let low = ratios.min(), let high = ratios.max() {
                text += " Under the other \(ratios.count) allocator configuration(s): \(String(format: "%.0f", low))–\(String(format: "%.0f", high)) %."
            }
            findings.append(Finding(scenario: scenario.name, text: text, beyondNoise: beyond))
        }
        return findings
    }

    /// Each allocator against glibc, per variant, on peak and on RSS after the phase that
    /// releases memory (the last reported phase that exists).
    static func allocatorFindings(_ report: Report, scenario: Report.ScenarioInfo, size: Int) -> [Finding] {
        var findings: [Finding] = []
        let phase = scenario.reportedPhases.contains("release") ? "release" : (scenario.reportedPhases.last ?? "")
        for variant in scenario.variants {
            guard let glibc = report.cell(scenario.name, variant.name, "glibc", size), glibc.status == .ok else { continue }
            var quiet: [String] = []
            for cell in report.cells(scenario: scenario.name, size: size)
            where cell.key.variant == variant.name && cell.key.allocator != "glibc" && cell.status == .ok {
                var said = false
                for (label, pick) in [("peak", { (c: CellReport) in c.peakOverBaselineBytes }),
                                      ("after \(phase)", { (c: CellReport) in c.rssAfterPhaseOverBaselineBytes[phase] })] {
                    guard let mine = pick(cell), let theirs = pick(glibc) else { continue }
                    let (beyond, _) = noise(mine, theirs)
                    guard beyond else { continue }
                    let change = theirs.median != 0 ? String(format: "%+.0f %%", (mine.median - theirs.median) / abs(theirs.median) * 100) : "n/a"
                    findings.append(Finding(scenario: scenario.name, text:
                        "\(scenario.name) \(variant.name): \(cell.key.allocator) \(label) \(mebibytes(mine.median, signed: true)) vs glibc \(mebibytes(theirs.median, signed: true)) (\(change), \(describe(mine)); beyond noise).",
                        beyondNoise: true))
                    said = true
                }
                if !said { quiet.append(cell.key.allocator) }
            }
            if !quiet.isEmpty {
                let runs = glibc.peakOverBaselineBytes?.count ?? 0
                let text = runs < 2
                    ? "\(scenario.name) \(variant.name): \(quiet.joined(separator: ", ")) against glibc not judged (single runs, spread unknown)."
                    : "\(scenario.name) \(variant.name): \(quiet.joined(separator: ", ")) made no difference beyond noise from glibc in peak or after \(phase)."
                findings.append(Finding(scenario: scenario.name, text: text, beyondNoise: false))
            }
        }
        return findings
    }
}
