extension Scenario {
    /// What is wrong with the scenario's declaration, one line each (empty: nothing): the worker
    /// refuses to start with any, so a misspelt variant in a comparison or a budget fails at
    /// `bench list` instead of silently comparing nothing.
    public var declarationProblems: [String] {
        let names = variants.map(\.name)
        let known = "variants: \(names.joined(separator: ", "))"
        var problems: [String] = []
        if names.isEmpty { problems.append("\(name) declares no variants") }
        for (index, variant) in names.enumerated() where names[..<index].contains(variant) {
            problems.append("\(name) declares the variant \(variant) twice")
        }
        for variant in variants {
            for (index, phase) in variant.phases.enumerated() where variant.phases[..<index].contains(phase) {
                problems.append("\(name) \(variant.name) has the phase \(phase) twice (release and verify are added for you)")
            }
        }
        for comparison in comparisons {
            for side in [comparison.reference, comparison.candidate] where !names.contains(side) {
                problems.append("\(name) compares \(side), which is not one of its \(known)")
            }
            if comparison.reference == comparison.candidate {
                problems.append("\(name) compares \(comparison.reference) with itself")
            }
        }
        for budget in budgets {
            if let variant = budget.variant, !names.contains(variant) {
                problems.append("\(name) sets a budget for \(variant), which is not one of its \(known)")
            }
            if budget.limit <= 0 { problems.append("\(name) sets a \(budget.metric.rawValue) budget of \(budget.limit): give a positive limit") }
        }
        if quickSize <= 0 || defaultSize < quickSize {
            problems.append("\(name) has size \(defaultSize) and quick size \(quickSize): both positive, quick no larger")
        }
        return problems
    }
}
