import MemoryProbe

extension RunPlan.Selection {
    /// The selections that run `variants` of `scenario` at `sizes`, where a variant that declares
    /// a maximum size (an O(n²) pitfall, say) never runs above it: it runs at its maximum
    /// instead, together with the variants it is compared with, so that every comparison is
    /// between runs that did the same work. `notes` say what was moved, for the user.
    /// `addingCappedSizes` false only leaves capped variants out above their maximum (a sweep
    /// beside a main selection that already runs them at it).
    public static func fitting(_ scenario: ScenarioDescription, variants: [String], sizes: [Int], allocatorNames: [String]? = nil,
                               addingCappedSizes: Bool = true) -> (selections: [RunPlan.Selection], notes: [String]) {
        func maximum(_ variant: String) -> Int? { scenario.variants.first { $0.name == variant }?.maximumSize }
        var selections: [RunPlan.Selection] = []
        var notes: [String] = []
        for size in sizes {
            let fits = variants.filter { (maximum($0) ?? .max) >= size }
            if !fits.isEmpty {
                selections.append(RunPlan.Selection(scenario: scenario.name, variants: fits, sizes: [size], allocatorNames: allocatorNames))
            }
        }
        for variant in variants where addingCappedSizes {
            guard let cap = maximum(variant), sizes.contains(where: { $0 > cap }), !sizes.contains(cap) else { continue }
            let partners = scenario.comparisons.filter { $0.pitfall == variant || $0.fix == variant }
                .flatMap { [$0.pitfall, $0.fix] }
            let together = variants.filter { $0 == variant || (partners.contains($0) && (maximum($0) ?? .max) >= cap) }
            if let index = selections.firstIndex(where: { $0.sizes == [cap] }) {
                for name in together where !selections[index].variants.contains(name) { selections[index].variants.append(name) }
                selections[index].variants.sort { (variants.firstIndex(of: $0) ?? 0) < (variants.firstIndex(of: $1) ?? 0) }
            } else {
                selections.append(RunPlan.Selection(scenario: scenario.name, variants: together, sizes: [cap], allocatorNames: allocatorNames))
            }
            notes.append("\(scenario.name) `\(variant)` runs at most \(grouped(cap)) \(scenario.sizeUnit): it runs at \(grouped(cap)), with \(together.filter { $0 != variant }.map { "`\($0)`" }.joined(separator: ", ")) for comparison, not above")
        }
        return (selections, notes)
    }
}
