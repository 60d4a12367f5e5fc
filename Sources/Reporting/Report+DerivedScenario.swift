import BenchModel
import MemoryProbe

extension Report.ScenarioInfo {
    /// A scenario the catalog does not know, described from its own runs: a `bench exec`
    /// command (variants in the order they ran, phases from the markers the command wrote).
    /// Built from results.jsonl alone, so a report can be rebuilt from it.
    static func derived(name: String, from results: [RunResult]) -> Report.ScenarioInfo {
        let runs = results.filter { $0.scenario == name }
        var variants: [ScenarioVariant] = []
        var allPhases: [String] = []
        for run in runs where !variants.contains(where: { $0.name == run.variant }) {
            let sameVariant = runs.filter { $0.variant == run.variant }
            var phases: [String] = []
            for record in sameVariant.compactMap(\.record) {
                for phase in record.phases where !phases.contains(phase.name) { phases.append(phase.name) }
            }
            for phase in phases where !allPhases.contains(phase) { allPhases.append(phase) }
            let command = sameVariant.compactMap(\.exec).first.map { "`" + $0.command.joined(separator: " ") + "`" }
            variants.append(ScenarioVariant(name: run.variant, summary: command ?? "runs of \(name)", phases: phases))
        }
        let isExec = runs.contains { $0.exec != nil }
        return Report.ScenarioInfo(
            name: name, summary: isExec ? "A command run by `bench exec`, measured from outside its process" : "",
            sizeUnit: isExec ? "" : "items", variants: variants, reportedPhases: allPhases, livePhase: "")
    }

    /// ", 200,000 rows" (with `joiner` in front), or "" for an unsized scenario (size 0: a
    /// `bench exec` command).
    public func sized(_ size: Int, joiner: String) -> String {
        size == 0 ? "" : "\(joiner)\(grouped(size)) \(sizeUnit)"
    }
}
