import BenchModel

extension Findings {
    /// "made no difference from glibc" lines, said once per scenario and size: the uncounted
    /// configurations against glibc, the counted twins against glibc+count (their reference, with
    /// instrumented RSS), never in one line.
    static func noDifferenceFindings(where_: String, scenario: String, size: Int, quiet: [String], unjudged: [String]) -> [Ranked] {
        var ranked: [Ranked] = []
        for counted in [false, true] {
            let reference = ComparisonPlan.referenceConfiguration + (counted ? AllocatorConfiguration.countedSuffix : "")
            let mine = { (names: [String]) in names.filter { AllocatorConfiguration.isCountedName($0) == counted } }
            let (same, unknown) = (mine(quiet), mine(unjudged))
            if !same.isEmpty {
                ranked.append(Ranked(finding: Finding(
                    kind: .noDifference, scenario: scenario, size: size, configurations: same, verdict: .withinNoise,
                    text: "\(where_): \(same.joined(separator: ", ")) made no difference from \(reference) in any variant (every figure compared shown within its margin).",
                    beyondNoise: false), weight: 0))
            }
            if !unknown.isEmpty {
                ranked.append(Ranked(finding: Finding(
                    kind: .noDifference, scenario: scenario, size: size, configurations: unknown, verdict: .notJudged,
                    text: "\(where_): \(unknown.joined(separator: ", ")) could not be told apart from \(reference) (single runs, spread unknown).",
                    beyondNoise: false), weight: 0))
            }
        }
        return ranked
    }
}
