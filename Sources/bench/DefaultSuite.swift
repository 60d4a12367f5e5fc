import BenchModel
import MemoryProbe

/// What `bench all` runs: every visible scenario at its default (or quick) size under every
/// chosen configuration (a variant with a maximum size at that maximum, beside the variants it
/// is compared with), plus a size sweep under glibc for the scenarios that declare one, the
/// threaded scenario's settle time and its long-settle variant under jemalloc-preload.
enum DefaultSuite {
    /// Seconds `threaded-churn` idles after `release` in --quick; `bench all` uses the scenario's
    /// own default (ThreadedChurn.defaultSettleSeconds), which its text states.
    static let quickSettleSeconds = 0.2
    /// The variant that idles past jemalloc's 10 s decay runs only under jemalloc-preload (and
    /// not in --quick): 11 s × 7 configurations × 3 runs alone would exceed the 5-minute budget,
    /// and glibc returns memory when it is freed, not on a timer.
    static let longSettle = (scenario: "threaded-churn", variant: "threaded-long-settle", allocators: ["jemalloc-preload"])

    static func selections(quick: Bool, allocators: [AllocatorConfiguration], scenarios: [ScenarioDescription])
        -> (selections: [RunPlan.Selection], notes: [String]) {
        var selections: [RunPlan.Selection] = []
        var notes: [String] = []
        for scenario in scenarios where !scenario.isHidden {
            let variants = scenario.variants.map(\.name).filter { !(scenario.name == longSettle.scenario && $0 == longSettle.variant) }
            let fitted = RunPlan.Selection.fitting(scenario, variants: variants, sizes: [quick ? scenario.quickSize : scenario.defaultSize])
            selections += fitted.selections
            notes += fitted.notes
        }
        if !quick, let threaded = scenarios.first(where: { $0.name == longSettle.scenario }), !threaded.isHidden,
           threaded.variants.contains(where: { $0.name == longSettle.variant }) {
            let chosen = allocators.map(\.name).filter(longSettle.allocators.contains)
            if !chosen.isEmpty {
                selections.append(RunPlan.Selection(scenario: threaded.name, variants: [longSettle.variant],
                                                    sizes: [threaded.defaultSize], allocatorNames: chosen))
            }
        }
        // The sweep runs under the reference configuration only: glibc if chosen, else the first.
        guard let reference = allocators.first(where: { $0.name == "glibc" }) ?? allocators.first else { return (selections, notes) }
        for scenario in scenarios where !scenario.isHidden {
            guard let sweep = scenario.sweepSizes else { continue }
            let main = quick ? scenario.quickSize : scenario.defaultSize
            let extra = (quick ? sweep.quick : sweep.suite).filter { $0 != main }
            guard !extra.isEmpty else { continue }
            selections += RunPlan.Selection.fitting(scenario, variants: scenario.variants.map(\.name), sizes: extra,
                                                    allocatorNames: [reference.name], addingCappedSizes: false).selections
        }
        return (selections, notes)
    }

    static func parameters(quick: Bool) -> [String: [String: String]] {
        quick ? ["threaded-churn": ["settle": "\(quickSettleSeconds)"]] : [:]
    }
}
