import BenchModel
import MemoryProbe

extension ScenarioDescription {
    /// A scenario the catalog does not know, described from its own runs: a `bench exec`
    /// command (variants in the order they ran, phases from the markers the command wrote, each
    /// variant compared with the first). Built from results.jsonl alone, so a report can be
    /// rebuilt from it.
    static func described(_ name: String, from results: [RunResult]) -> ScenarioDescription {
        let runs = results.filter { $0.scenario == name }
        let variants = runs.map(\.variant).uniqued().map { variant in
            let sameVariant = runs.filter { $0.variant == variant }
            let phases = sameVariant.compactMap(\.record).flatMap { $0.phases.map(\.name) }.uniqued()
            let command = sameVariant.compactMap(\.exec).first.map { Markdown.code($0.command.joined(separator: " ")) }
            return ScenarioVariant(name: variant, summary: command ?? "runs of \(name)", phases: phases)
        }
        let isExec = runs.contains { $0.exec != nil }
        return ScenarioDescription(
            name: name, summary: isExec ? "A command run by `bench exec`, measured from outside its process" : "",
            sizeUnit: isExec ? "" : "items", defaultSize: 0, quickSize: 0, sweepSizes: nil, isHidden: false,
            variants: variants, reportedPhases: variants.flatMap(\.phases).uniqued(), livePhase: "", releasePhase: nil,
            verificationPhases: [], comparisons: eachAgainstTheFirst(variants), figures: [], figuresByAllocator: false,
            parameters: [])
    }

    /// What a command's variants are compared as: each against the first, the one it ran first.
    static func eachAgainstTheFirst(_ variants: [ScenarioVariant]) -> [VariantComparison] {
        guard let first = variants.first else { return [] }
        return variants.dropFirst().map { VariantComparison(pitfall: first.name, fix: $0.name) }
    }

    /// ", 200,000 rows" (with `joiner` in front), or "" for an unsized scenario (size 0: a
    /// `bench exec` command).
    public func sized(_ size: Int, joiner: String) -> String {
        size == 0 ? "" : "\(joiner)\(grouped(size)) \(sizeUnit)"
    }
}
