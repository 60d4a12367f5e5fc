import BenchModel
import MemoryProbe

/// What `bench all` runs: every visible scenario at its default (or quick) size under every
/// chosen configuration (a variant with a maximum size at that maximum, beside the variants it
/// is compared with), plus a size sweep under glibc for the scenarios that declare one, the
/// threaded scenario's settle times.
enum DefaultSuite {
    /// Seconds `threaded-churn` idles after `release` in --quick; `bench all` uses the scenario's
    /// own default (ThreadedChurn.defaultSettleSeconds), which its text states.
    static let quickSettleSeconds = 0.2
    /// Seconds the `threaded` variant idles, the same under every configuration, with RSS
    /// checkpoints at 0.5, 1 and 2 s (the scenario's defaults before it). 3 s: 8 configurations
    /// × ~3.5 runs × 3 s ≈ 85 s, against ~44 s before (0.5 s × 7 × 3, plus 11 s × 3 runs of
    /// threaded-long-settle under jemalloc-preload alone), within the 45 s the suite may grow by;
    /// 5 s or jemalloc's full 10 s decay would add 1.5–4 minutes. The long settle stays a variant
    /// to ask for (`bench run threaded-churn --variant threaded-long-settle`).
    static let threadedSettleSeconds = 3.0
    static let longSettle = (scenario: "threaded-churn", variant: "threaded-long-settle")
    /// The short soak runs under the configurations its claim is about (glibc's arenas, the
    /// arena limit, jemalloc); all eight would cost more than its share of the budget.
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
        quick ? ["threaded-churn": ["settle": "\(quickSettleSeconds)"]]
              : ["threaded-churn": ["threaded-settle": "\(threadedSettleSeconds)"]]
    }
}
