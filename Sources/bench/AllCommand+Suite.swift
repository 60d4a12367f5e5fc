import BenchModel
import Suite
import Exec
import Doctor
import MemoryProbe
import Scenarios

/// What `bench all` runs: every visible scenario at its default (or quick) size under every
/// chosen configuration, plus a size sweep under glibc for the scenarios that declare one, the
/// threaded scenario's settle time and its long-settle variant under two configurations.
enum SuitePlan {
    /// Seconds `threaded-churn` idles after `release` in `bench all` and in --quick.
    static let settleSeconds = 0.5
    static let quickSettleSeconds = 0.2
    /// The variant that idles past jemalloc's 10 s decay runs only under jemalloc-preload (and
    /// not in --quick): 11 s × 7 configurations × 3 runs alone would exceed the 5-minute budget,
    /// and glibc returns memory when it is freed, not on a timer.
    static let longSettle = (scenario: "threaded-churn", variant: "threaded-long-settle", allocators: ["jemalloc-preload"])

    static func selections(quick: Bool, allocators: [AllocatorConfiguration]) -> [RunPlan.Selection] {
        var selections = ScenarioCatalog.visible.map { scenario in
            RunPlan.Selection(scenario: scenario.name,
                              variants: scenario.variants.map(\.name).filter { !(scenario.name == longSettle.scenario && $0 == longSettle.variant) },
                              sizes: [quick ? scenario.quickSize : scenario.defaultSize])
        }
        if !quick, let threaded = ScenarioCatalog.named(longSettle.scenario), !threaded.isHidden {
            let chosen = allocators.map(\.name).filter(longSettle.allocators.contains)
            if !chosen.isEmpty {
                selections.append(RunPlan.Selection(scenario: threaded.name, variants: [longSettle.variant],
                                                    sizes: [threaded.defaultSize], allocatorNames: chosen))
            }
        }
        // The sweep runs under the reference configuration only: glibc if chosen, else the first.
        guard let reference = allocators.first(where: { $0.name == "glibc" }) ?? allocators.first else { return selections }
        for case let scenario as any SweepsInSuite in ScenarioCatalog.visible {
            let main = quick ? scenario.quickSize : scenario.defaultSize
            let extra = (quick ? scenario.quickSweepSizes : scenario.suiteSweepSizes).filter { $0 != main }
            guard !extra.isEmpty else { continue }
            selections.append(RunPlan.Selection(scenario: scenario.name, variants: scenario.variants.map(\.name),
                                                sizes: extra, allocatorNames: [reference.name]))
        }
        return selections
    }

    static func parameters(quick: Bool) -> [String: [String: String]] {
        ["threaded-churn": ["settle": "\(quick ? quickSettleSeconds : settleSeconds)"]]
    }
}
