import BenchModel
import MemoryProbe

/// What `bench all` runs: every visible scenario at its default (or quick) size under every
/// chosen configuration (a variant with a maximum size at that maximum, beside the variants it
/// is compared with), plus a size sweep under glibc for the scenarios that declare one, the
/// threaded scenario's settle time and its long-settle variant under jemalloc-preload.
enum DefaultSuite {
    /// Seconds `threaded-churn` idles after `release` in `bench all` and in --quick.
    static let settleSeconds = 0.5
    static let quickSettleSeconds = 0.2
    /// The variant that idles past jemalloc's 10 s decay runs only under jemalloc-preload (and
    /// not in --quick): 11 s × 7 configurations × 3 runs alone would exceed the 5-minute budget,
    /// and glibc returns memory when it is freed, not on a timer.
    static let longSettle = (scenario: "threaded-churn", variant: "threaded-long-settle", allocators: ["jemalloc-preload"])
    /// The short soak runs under the configurations its claim is about (glibc's arenas, the
    /// arena limit, jemalloc); all seven would cost more than its share of the budget.
    static let soak = (scenario: "server-soak", allocators: ["glibc", "glibc-arenas-2", "jemalloc-preload"])

    static func selections(quick: Bool, allocators: [AllocatorConfiguration], scenarios: [ScenarioDescription])
        -> (selections: [RunPlan.Selection], notes: [String]) {
        var selections: [RunPlan.Selection] = []
        var notes: [String] = []
        for scenario in scenarios where !scenario.isHidden {
            let variants = scenario.variants.map(\.name).filter { !(scenario.name == longSettle.scenario && $0 == longSettle.variant) }
            let soakAllocators = allocators.map(\.name).filter(soak.allocators.contains)
            let only = scenario.name == soak.scenario && !soakAllocators.isEmpty ? soakAllocators : nil
            let fitted = RunPlan.Selection.fitting(scenario, variants: variants, sizes: [quick ? scenario.quickSize : scenario.defaultSize],
                                                   allocatorNames: only)
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
        ["threaded-churn": ["settle": "\(quick ? quickSettleSeconds : settleSeconds)"]]
    }
}
