import MemoryProbe
import BenchModel

/// What `bench all` runs: every visible scenario at its default (or quick) size under every
/// chosen configuration (a variant with a maximum size at that maximum, beside the variants it
/// is compared with), plus a size sweep under the reference configuration for the scenarios that
/// declare one. Where a scenario runs otherwise (variants left out, its own configurations, its
/// parameters, only in the long tier), it says so itself (`SuiteDefaults`, in the worker's catalog).
public enum DefaultSuite {
    public struct Plan: Equatable, Sendable {
        public var selections: [RunPlan.Selection]
        /// What the plan moved (a capped variant), for the user.
        public var notes: [String]
        /// `--param` values per scenario.
        public var parameters: [String: [String: String]]
        /// Configurations some scenario adds for itself (`SuiteDefaults.addedAllocators`), beyond
        /// the chosen ones: the suite runs them for that scenario alone.
        public var addedAllocators: [AllocatorConfiguration] = []
    }

    /// `long` adds the long tier's scenarios (`bench all --long`); `quick` never runs them.
    /// `available`: the configurations a scenario may add by name (the built-in ones).
    public static func plan(quick: Bool, long: Bool = false, allocators: [AllocatorConfiguration],
                            scenarios: [ScenarioDescription],
                            available: [AllocatorConfiguration] = AllocatorConfiguration.builtIn()) -> Plan {
        let visible = scenarios.filter { !$0.isHidden && (isInStandardTier($0) || (long && !quick)) }
        var plan = Plan(selections: [], notes: [], parameters: [:])
        let chosen = allocators.map(\.name)
        // --quick settles too briefly for any decay: nothing is added there.
        let added = quick ? [] : visible.flatMap { $0.suiteDefaults?.addedAllocators ?? [] }.uniqued()
            .filter { !chosen.contains($0) }.compactMap { name in available.first { $0.name == name } }
        plan.addedAllocators = added
        for scenario in visible {
            let defaults = scenario.suiteDefaults ?? .none
            let variants = scenario.variants.map(\.name).filter { !defaults.variantsLeftOut.contains($0) }
            let own = chosen.filter { defaults.allocators?.contains($0) ?? false }
            let mine = added.map(\.name).filter { defaults.addedAllocators?.contains($0) ?? false }
            // With configurations added for one scenario, every other one names its own.
            let names: [String]? = added.isEmpty ? (own.isEmpty ? nil : own) : (own.isEmpty ? chosen : own) + mine
            let fitted = RunPlan.Selection.fitting(scenario, variants: variants, sizes: [size(of: scenario, quick: quick)],
                                                   allocatorNames: names)
            plan.selections += fitted.selections
            plan.notes += fitted.notes
            let parameters = quick ? defaults.quickParameters : defaults.parameters
            if !parameters.isEmpty { plan.parameters[scenario.name] = parameters }
        }
        plan.selections += sweeps(quick: quick, allocators: allocators, scenarios: visible)
        return plan
    }

    /// The sweep runs every variant at the declared sizes other than the main one, under the
    /// reference configuration only: glibc if chosen, else the first.
    static func sweeps(quick: Bool, allocators: [AllocatorConfiguration], scenarios: [ScenarioDescription]) -> [RunPlan.Selection] {
        guard let reference = allocators.first(where: { $0.name == "glibc" }) ?? allocators.first else { return [] }
        var selections: [RunPlan.Selection] = []
        for scenario in scenarios {
            guard let sweep = scenario.sweepSizes else { continue }
            let extra = (quick ? sweep.quick : sweep.suite).filter { $0 != size(of: scenario, quick: quick) }
            guard !extra.isEmpty else { continue }
            selections += RunPlan.Selection.fitting(scenario, variants: scenario.variants.map(\.name), sizes: extra,
                                                    allocatorNames: [reference.name], addingCappedSizes: false).selections
        }
        return selections
    }

    static func isInStandardTier(_ scenario: ScenarioDescription) -> Bool {
        (scenario.suiteDefaults?.tier ?? .standard) == .standard
    }

    static func size(of scenario: ScenarioDescription, quick: Bool) -> Int {
        quick ? scenario.quickSize : scenario.defaultSize
    }
}
