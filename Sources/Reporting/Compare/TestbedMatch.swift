import BenchModel

/// Whether two reports were measured on one testbed: the same fingerprint, different ones (the
/// fields that differ, both values), or unknown (a report from before testbeds were recorded).
/// `bench compare` refuses different testbeds unless told `--across-testbeds`.
public enum TestbedMatch: Equatable, Sendable {
    case same
    /// "base `ci-x86` and head `one-cpu` are different testbeds: usableCPUs 2 vs 1".
    case different(String)
    /// Why comparability is unknown.
    case unknown(String)

    public init(base: Report, head: Report) {
        guard let baseTestbed = base.environment.testbed, let headTestbed = head.environment.testbed else {
            let missing = [("base", base), ("head", head)].filter { $0.1.environment.testbed == nil }.map(\.0)
            self = .unknown("\(missing.joined(separator: " and ")) record\(missing.count == 1 ? "s" : "") no testbed (written before testbeds were recorded): whether both were measured on one machine is unknown")
            return
        }
        guard baseTestbed.fingerprint != headTestbed.fingerprint else {
            self = .same
            return
        }
        self = .different("base \(Markdown.code(baseTestbed.name)) and head \(Markdown.code(headTestbed.name)) are different testbeds (base vs head): \(baseTestbed.describeDifferences(from: headTestbed))")
    }
}
