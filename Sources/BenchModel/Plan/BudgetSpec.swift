import Foundation
import MemoryProbe

/// A budget written on the command line (`--budget`): `SCENARIO[/VARIANT] LIMIT…`, each limit
/// `METRIC<=VALUE` (or `≤`), for example
///
///     csv-parse/swiftcsv peak<=8MiB afterRelease<=2MiB
///     load-all-vs-batched allocations<=50k
///
/// Metrics are those of `Budget.Metric` (`peak`, `afterRelease`, `allocations`); bytes take a
/// unit, in powers of 1024 whatever the spelling, as `--memory-cap` (B, KiB, MiB, GiB; K, KB…);
/// allocations are a count (`50000`, `50_000`, `50k`, `2M`). Without a variant the limits hold
/// for every variant of the scenario.
public struct BudgetSpec: Equatable, Sendable {
    public var scenario: String
    /// Each with `variant` set to the spec's variant (nil: every variant).
    public var budgets: [Budget]

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ text: String) throws -> BudgetSpec {
        let spelled = "budget '\(text)'"
        var words = Self.words(text)
        guard !words.isEmpty else { throw Invalid(description: "\(spelled) is empty: write SCENARIO[/VARIANT] peak<=8MiB") }
        let target = words.removeFirst()
        guard !target.contains("<=") else {
            throw Invalid(description: "\(spelled) starts with a limit: name the scenario first, e.g. 'my-scenario/my-variant \(target)'")
        }
        let parts = target.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), !parts.contains(where: \.isEmpty) else {
            throw Invalid(description: "\(spelled): '\(target)' is not SCENARIO or SCENARIO/VARIANT")
        }
        let variant = parts.count == 2 ? parts[1] : nil
        guard !words.isEmpty else {
            throw Invalid(description: "\(spelled) sets no limit: add one, e.g. '\(target) peak<=8MiB'")
        }
        var budgets: [Budget] = []
        for clause in words {
            let budget = try Self.limit(clause, in: spelled)
            guard !budgets.contains(where: { $0.metric == budget.metric }) else {
                throw Invalid(description: "\(spelled) limits \(budget.metric.rawValue) twice: keep one")
            }
            budgets.append(Budget(metric: budget.metric, limit: budget.limit, variant: variant))
        }
        return BudgetSpec(scenario: parts[0], budgets: budgets)
    }

    /// Refuses a scenario or variant the worker does not have, naming the ones it has.
    public func validate(against catalog: ScenarioCatalogDescription) throws {
        guard let scenario = catalog.scenario(named: self.scenario) else {
            let known = catalog.scenarios.filter { !$0.isHidden }.map(\.name).joined(separator: ", ")
            throw Invalid(description: "budget for \(self.scenario): no such scenario; known: \(known)")
        }
        for variant in Set(budgets.compactMap(\.variant)) where !scenario.variants.contains(where: { $0.name == variant }) {
            let known = scenario.variants.map(\.name).joined(separator: ", ")
            throw Invalid(description: "budget for \(self.scenario)/\(variant): no such variant; \(self.scenario) has \(known)")
        }
    }

    /// The spec's words, with `≤` as `<=` and a limit written with spaces (`peak <= 8 MiB`) as
    /// one word.
    static func words(_ text: String) -> [String] {
        text.replacingOccurrences(of: "≤", with: "<=")
            .replacingOccurrences(of: "\\s*<=\\s*", with: "<=", options: .regularExpression)
            .replacingOccurrences(of: "(<=[0-9._]+)\\s+([KMGTkmgt]i?[Bb]?|[Bb])(?![A-Za-z])", with: "$1$2", options: .regularExpression)
            .split(whereSeparator: { $0 == " " || $0 == "," })
            .map(String.init)
    }

    static func limit(_ clause: String, in spelled: String) throws -> Budget {
        guard let range = clause.range(of: "<=") else {
            throw Invalid(description: "\(spelled): '\(clause)' is not METRIC<=VALUE, e.g. peak<=8MiB")
        }
        let name = String(clause[..<range.lowerBound])
        let value = String(clause[range.upperBound...])
        let metrics = Budget.Metric.allCases
        guard let metric = metrics.first(where: { $0.rawValue.lowercased() == name.lowercased().replacingOccurrences(of: "-", with: "") }) else {
            throw Invalid(description: "\(spelled): unknown metric '\(name)'; use \(metrics.map(\.rawValue).joined(separator: ", "))")
        }
        return Budget(metric: metric, limit: try metric.isBytes ? bytes(value, of: name, in: spelled) : count(value, in: spelled))
    }

    static func bytes(_ value: String, of name: String, in spelled: String) throws -> Int {
        guard !value.isEmpty else { throw Invalid(description: "\(spelled): \(name)<= has no value; write e.g. \(name)<=8MiB") }
        guard !value.allSatisfy({ $0.isNumber || $0 == "." || $0 == "_" }) else {
            throw Invalid(description: "\(spelled): \(name)<=\(value) has no unit; write e.g. \(name)<=\(value)MiB (or KiB, GiB, B)")
        }
        guard let bytes = MemoryLimit.parse(value) else {
            throw Invalid(description: "\(spelled): '\(value)' is not a size; write e.g. 8MiB, 512KiB, 1.5GiB")
        }
        return bytes
    }

    static func count(_ value: String, in spelled: String) throws -> Int {
        var digits = value.replacingOccurrences(of: "_", with: "")
        var scale = 1
        if let suffix = digits.last, let multiplier = ["k": 1_000, "K": 1_000, "M": 1_000_000][suffix] {
            scale = multiplier
            digits.removeLast()
        }
        guard let number = Int(digits), number > 0, number <= Int.max / scale else {
            throw Invalid(description: "\(spelled): allocations<=\(value) is not a count; write e.g. allocations<=50000 or allocations<=50k")
        }
        return number * scale
    }
}
