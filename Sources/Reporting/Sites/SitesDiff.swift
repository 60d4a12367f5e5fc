import Foundation
import BenchModel

/// Pitfall against fix, site by site: the pitfall's top site at the end of its peak phase, and
/// what the same site holds in the fix at the end of the same phase (or of the fix's own peak
/// phase when the fix has no phase of that name).
public struct SitesDiff: Sendable, Equatable {
    public var scenario: String
    public var size: Int
    public var pitfall: String
    public var fix: String
    public var phase: String
    public var site: String
    public var pitfallBytes: Int
    public var pitfallShare: Double
    public var fixPhase: String
    /// Nil when the site is not among the fix's sites at that phase's end (below the top list,
    /// or not sampled at all).
    public var fixBytes: Int?
    /// When `fixBytes` is nil: the smallest site the fix's list holds, which the site is under.
    public var fixSmallestListedBytes: Int?
    /// What was allocated under the site in each (its heaviest stack's innermost frame).
    public var pitfallAllocating: String?
    public var fixAllocating: String?

    public static func make(report: Report) -> [SitesDiff] {
        let sites = report.sites ?? []
        var diffs: [SitesDiff] = []
        for scenario in report.scenarios {
            for comparison in scenario.comparisons {
                for pitfall in sites where pitfall.scenario == scenario.name && pitfall.variant == comparison.pitfall {
                    guard let fix = sites.first(where: { $0.scenario == scenario.name && $0.variant == comparison.fix && $0.size == pitfall.size }),
                          let phaseName = pitfall.peakPhase, let phase = pitfall.phase(phaseName), let top = phase.sites.first,
                          let fixPhase = fix.phase(phaseName) ?? fix.peakPhase.flatMap(fix.phase) else { continue }
                    diffs.append(SitesDiff(scenario: scenario.name, size: pitfall.size, pitfall: pitfall.variant, fix: fix.variant,
                                           phase: phaseName, site: top.site, pitfallBytes: top.bytes, pitfallShare: top.share,
                                           fixPhase: fixPhase.phase, fixBytes: fixPhase.site(top.site)?.bytes,
                                           fixSmallestListedBytes: fixPhase.sites.last?.bytes,
                                           pitfallAllocating: top.allocatingFrame, fixAllocating: fixPhase.site(top.site)?.allocatingFrame))
                }
            }
        }
        return diffs
    }

    /// "In `load-all`, 31.2 MiB (… of the live bytes) live at `export` end under `X`; in `batched`
    /// that site holds 0.3 MiB", in Markdown.
    public var sentence: String {
        func inside(_ frame: String?) -> String { frame.map { $0 == site ? "" : ", mostly in \(Markdown.code($0))" } ?? "" }
        let holds = fixBytes.map { "holds \(mebibytes(Double($0)))\(inside(fixAllocating))" }
            ?? fixSmallestListedBytes.map { "is not among the top sites (so under \(mebibytes(Double($0))))" } ?? "holds no sampled bytes"
        let at = fixPhase == phase ? "" : " at \(Markdown.code(fixPhase)) end"
        return "In \(Markdown.code(pitfall)), \(mebibytes(Double(pitfallBytes))) (\(String(format: "%.0f", pitfallShare * 100)) % of the live bytes) live at \(Markdown.code(phase)) end under \(Markdown.code(site))\(inside(pitfallAllocating)); in \(Markdown.code(fix)) that site\(at) \(holds)."
    }
}
