import BenchModel

/// "## Allocator configurations": how each configuration was proved before the suite and in
/// every run. report.md names the proved ones on one line with what proved them and gives only
/// the others a row, then the A/A check; details.md has the whole table.
struct AllocatorsSection: ReportSection {
    var report: Report

    var summary: [Markdown] { configurations(compact: true) + TwinCheck(report: report).lines }
    var details: [Markdown] { configurations(compact: false) }

    func configurations(compact: Bool) -> [Markdown] {
        var out: [Markdown] = ["## Allocator configurations", "",
                               "Each configuration was proved before the suite by a worker with \(AllocatorPreflight.contendingThreads) threads allocating at once, and again inside every measured run.", ""]
        if report.environment.allocators.isEmpty {
            return out + ["The suite did not record its allocator preflights (it stopped before the end, or the environment was not recorded); each run's own proof is in report.json.", ""]
        }
        var preflights = report.environment.allocators
        if compact {
            let verified = preflights.filter { $0.outcome == .verified }
            if !verified.isEmpty {
                out += ["**Proved:** \(verified.map { "\($0.configuration.name): \($0.proof ?? "verified")" }.joined(separator: " · ")). Settings and proofs in a table: \(MarkdownReport.detailsLink()).", ""]
            }
            preflights = preflights.filter { $0.outcome != .verified }
            guard !preflights.isEmpty else { return out }
        }
        let rows: [[Markdown]] = preflights.map { preflight in
            let configuration = preflight.configuration
            let setting: Markdown = configuration.environment.isEmpty
                ? (configuration.worker == .jemallocLinked ? "worker linked with -ljemalloc" : "nothing set")
                : .joined(configuration.environment.sorted { $0.key < $1.key }.map { "\(code: "\($0.key)=\($0.value)")" }, separator: " ")
            return ["\(configuration.name)", setting, "\(preflight.outcome.rawValue)", "\(preflight.proof ?? preflight.reason ?? "")"]
        }
        return out + [.table(header: ["Configuration", "Setting", "Status", "Proof"], rows: rows), ""]
    }
}
