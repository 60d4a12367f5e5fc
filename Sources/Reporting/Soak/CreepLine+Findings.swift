import BenchModel
import Statistics

extension CreepLine {
    /// One finding per configuration of every service and soak: its steady state in one sentence
    /// (`sentence`), with, against glibc, the report's verdicts on the plateau and the creep. Its
    /// verdict is the creep's own (creeps or falls beyond noise, flat within the margin, else
    /// undecided); the comparisons with glibc ride along for programs.
    static func findings(_ report: Report) -> [Finding] {
        report.decisions.creep.map { line in
            let where_ = "\(line.scenario) (\(Markdown.code(line.variant))\(window(line, report: report)))"
            let verdict = line.steady.creep.verdict
            return Finding(kind: .creep, scenario: line.scenario, size: line.size, variants: [line.variant],
                           configurations: [line.allocator], comparisons: [line.plateauComparison, line.creepComparison].compactMap { $0 },
                           verdict: verdict, text: "\(where_): \(line.sentence)\(line.arenas.map { "; \($0) glibc arenas" } ?? "").",
                           beyondNoise: verdict == .beyondNoise)
        }
    }

    /// ", 120,000 requests" for a soak of that size, ", timed, 812,344 requests" for a timed one;
    /// "" for a service run (unsized).
    static func window(_ line: CreepLine, report: Report) -> String {
        guard line.size > 0 else { return "" }
        guard let requests = line.steady.requests, requests != line.size else {
            return report.scenario(named: line.scenario)?.sized(line.size, joiner: ", ") ?? ""
        }
        return ", timed, \(grouped(requests)) requests"
    }
}
