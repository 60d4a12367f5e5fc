import ArgumentParser

/// `--param key=value`: a scenario-specific setting passed to every worker of the scenario.
struct ScenarioParameter: ExpressibleByArgument {
    var key: String
    var value: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        key = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !value.isEmpty else { return nil }
    }

    /// The runner's form: parameters per scenario (the last of a repeated key wins).
    static func byScenario(_ scenario: String, _ parameters: [ScenarioParameter]) -> [String: [String: String]] {
        guard !parameters.isEmpty else { return [:] }
        var values: [String: String] = [:]
        for parameter in parameters { values[parameter.key] = parameter.value }
        return [scenario: values]
    }
}
