import Foundation
import BenchModel
import MemoryProbe

/// `report.md`: findings first, then a table per scenario, the allocators' proofs, and the
/// environment with the command that reproduces the run. GitHub-flavoured Markdown.
public enum MarkdownReport {
    /// How many findings of each group the main report shows; the rest are in the details file.
    public static let headlineFindings = 8

    /// The file beside `report.md` with every table, figure and finding (see `renderDetails`).
    public static let detailsFileName = "details.md"

    /// `report.md`: the answer first (verdict table and one recommendation per scenario), then
    /// the findings grouped by what to do, one compact table per scenario at its main size, the
    /// sweep, the configurations, the noise that matters and the environment. Everything else is
    /// in `renderDetails`. `charts` are the SVG files written beside the report.
    public static func render(_ report: Report, charts: [ChartFile] = []) -> String {
        var out: [String] = []
        out.append("# MemoryBench report \(report.runId)")
        out.append("")
        if report.partial {
            out.append("> **Partial report:** \(report.runs.count) of \(report.plannedRuns) planned runs finished.")
            out.append("")
        }
        let env = report.environment
        var facts = ["`\(env.commandLine)`", env.cores > 0 ? "\(env.cores) cores" : "cores unknown", env.memoryBytes.map { String(format: "%.1f GiB", Double($0) / 1_073_741_824) } ?? "memory unknown",
                     env.kernel, "THP \(env.transparentHugePages ?? "unknown")", "\(env.buildConfiguration) build"]
        if let elapsed = report.elapsedSeconds { facts.append(String(format: "%.0f s", elapsed)) }
        out.append(facts.joined(separator: " · "))
        out.append("")
        if env.buildConfiguration != "release" {
            out.append("> **Debug build:** timings and some memory figures differ from a release build; use `swift build -c release` for numbers to publish.")
            out.append("")
        }
        out += answer(report, charts: charts)
        out += problems(report)
        out += groupedFindings(report)
        out.append("Every byte figure is RSS over the worker process's own baseline (its RSS before the first phase), the median of the cell's runs. Peaks are exact per phase (`VmHWM` reset through `/proc/self/clear_refs` at each phase start) unless marked *sampled*.")
        out.append("")
        out += limitsAndSampling(report)
        out += scenarioSummaries(report, charts: charts)
        out += execRuns(report)
        out += serviceRuns(report)
        out += settleCheckpoints(report)
        out += sitesSection(report, charts: charts)
        out += sweepSection(report, charts: charts)
        out += soakSection(report)
        out += allocators(report, compact: true)
        out += twinCheck(report)
        out += noiseWarnings(report)
        out += calibrationSummary(report)
        out += environmentSummary(report)
        return escapedDocument(out) + "\n"
    }

    static func problems(_ report: Report) -> [String] {
        let bad = report.cells.filter { $0.status != .ok || $0.failedRuns > 0 }
        guard !bad.isEmpty else { return [] }
        var out = ["## Failed and skipped runs", ""]
        out.append(table(header: ["Scenario", "Variant", "Allocator", "Size", "Status", "Reason"], rows: bad.map { cell in
            let status = cell.status == .skipped ? "skipped" : statusCounts(report, cell)
            return [cell.key.scenario, cell.key.variant, cell.key.allocator, grouped(cell.key.size), status,
                    cell.reasons.joined(separator: "; ")]
        }))
        out.append("")
        return out
    }

    static func section(_ report: Report, scenario: ScenarioDescription, size: Int, charts: [ChartFile] = []) -> [String] {
        var out = ["## \(scenario.name)\(scenario.sized(size, joiner: ", "))", "", scenario.summary + ".", ""]
        for variant in scenario.variants {
            out.append("- `\(variant.name)`: \(variant.summary) (phases: \(variant.phases.joined(separator: " → ")))")
        }
        out.append("")
        let cells = report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok }
        var header = ["Variant", "Allocator", "Baseline", "Peak"]
        header += scenario.reportedPhases.map { "After \($0)" }
        header += [scenario.livePhase.isEmpty ? "Allocator live" : "Live at end of \(scenario.livePhase)", "Wall", "Runs", "Peak spread", "Detectable"]
        let rows: [[String]] = cells.map { cell in
            var row = ["`\(cell.key.variant)`", cell.key.allocator, bytes(cell.baselineBytes, signed: false),
                       bytes(cell.peakOverBaselineBytes) + (sampled(report, cell) ? " *(sampled)*" : "")]
            row += scenario.reportedPhases.map { bytes(cell.rssAfterPhaseOverBaselineBytes[$0]) }
            row.append(bytes(cell.liveBytes, signed: false))
            row.append(cell.wallSeconds.map { String(format: "%.2f s", $0.median) } ?? "–")
            row.append("\(cell.okRuns)")
            row.append(cell.peakOverBaselineBytes?.spreadPercent.map { String(format: "±%.1f %%", $0) } ?? "–")
            row.append(detectable(report, cell))
            return row
        }
        out.append(rows.isEmpty ? "No run of this scenario finished." : table(header: header, rows: rows, rightAlignedFrom: 2))
        out.append("")
        out += chartLinks(charts, scenario: scenario.name, size: size)
        out += figuresTable(report, scenario: scenario, size: size)
        out += countsSection(report, scenario: scenario, size: size)
        if !cells.isEmpty {
            out.append(collapsed("Phase by phase (medians over runs)"))
            out.append("")
            let phaseRows: [[String]] = cells.flatMap { cell in
                cell.phases.map { phase in
                    ["`\(cell.key.variant)`", cell.key.allocator, phase.name, bytes(phase.peakOverBaselineBytes),
                     bytes(phase.sampledPeakOverBaselineBytes), bytes(phase.rssOverBaselineBytes),
                     bytes(phase.rssAnonBytes, signed: false), bytes(phase.rssFileBytes, signed: false),
                     bytes(phase.liveBytes, signed: false), bytes(phase.freeBytes ?? phase.residentBytes, signed: false),
                     phase.arenas.map(String.init) ?? "–",
                     phase.wallSeconds.map { String(format: "%.3f s", $0.median) } ?? "–",
                     phase.cpuSeconds.map { String(format: "%.3f s", $0.median) } ?? "–"]
                }
            }
            out.append(table(header: ["Variant", "Allocator", "Phase", "Peak", "Sampled peak", "RSS at end", "RssAnon", "RssFile",
                                      "Allocator live", "glibc free / jemalloc resident", "Arenas", "Wall", "CPU"],
                             rows: phaseRows, rightAlignedFrom: 3))
            out.append("")
            out.append(collapsedEnd)
            out.append("")
        }
        return out
    }

    static func sampled(_ report: Report, _ cell: CellReport) -> Bool {
        report.runs.contains { $0.cell == cell.key && $0.record?.peakMethod == .sampled }
    }

    /// `compact` (report.md): configurations that were proved are named on one line with what
    /// proved them, and only the others get a table row; details.md has the whole table.
    static func allocators(_ report: Report, compact: Bool = false) -> [String] {
        var out = ["## Allocator configurations", "",
                   "Each configuration was proved before the suite by a worker with \(AllocatorPreflight.contendingThreads) threads allocating at once, and again inside every measured run.", ""]
        if report.environment.allocators.isEmpty {
            out += ["The suite did not record its allocator preflights (it stopped before the end, or the environment was not recorded); each run's own proof is in report.json.", ""]
            return out
        }
        var preflights = report.environment.allocators
        if compact {
            let verified = preflights.filter { $0.outcome == .verified }
            if !verified.isEmpty {
                out += ["**Proved:** " + verified.map { "\($0.configuration.name): \($0.proof ?? "verified")" }.joined(separator: " · ")
                        + ". Settings and proofs in a table: [\(detailsFileName)](\(detailsFileName)).", ""]
            }
            preflights = preflights.filter { $0.outcome != .verified }
            guard !preflights.isEmpty else { return out }
        }
        out.append(table(header: ["Configuration", "Setting", "Status", "Proof"], rows: preflights.map { preflight in
            let setting = preflight.configuration.environment.isEmpty
                ? (preflight.configuration.worker == .jemallocLinked ? "worker linked with -ljemalloc" : "nothing set")
                : preflight.configuration.environment.sorted { $0.key < $1.key }.map { "`\($0.key)=\($0.value)`" }.joined(separator: " ")
            let proof = preflight.proof ?? preflight.reason ?? ""
            return [preflight.configuration.name, setting, preflight.outcome.rawValue, proof]
        }))
        out.append("")
        return out
    }

    static func environment(_ report: Report) -> [String] {
        let env = report.environment
        var rows: [[String]] = [
            ["Kernel", "\(env.kernel) (\(env.architecture))"],
            ["CPU", "\(env.cpuModel ?? "unknown"), \(env.cores) cores"],
            ["Memory", env.memoryBytes.map { mebibytes(Double($0)) } ?? "unknown"],
            ["Swap", env.swapTotalBytes.map { mebibytes(Double($0)) } ?? "unknown"],
            ["Transparent huge pages", "enabled: \(env.transparentHugePages ?? "unknown"), defrag: \(env.transparentHugePagesDefrag ?? "unknown")"],
            ["Overcommit (vm.overcommit_memory)", env.overcommitMemory ?? "unknown"],
            ["glibc", env.glibcVersion ?? "unknown"],
        ]
        if let testbed = env.testbed { rows.insert(["Testbed", testbedLine(testbed)], at: 0) }
        for preflight in env.allocators where preflight.identity?.kind == .jemalloc {
            rows.append(["jemalloc (\(preflight.configuration.name))", preflight.identity?.version ?? "unknown"])
        }
        rows += [["Swift", env.swiftVersion ?? "unknown"], ["Build", env.buildConfiguration], ["Started", env.startedAt]]
        for worker in env.workers ?? [] {
            rows.append([worker.ownWorker ? "Worker (own)" : "Worker", "`\(worker.path)` \(worker.sha256.map { "sha256 \($0)" } ?? "(no digest)")"])
        }
        return ["## Environment", "", table(header: ["", ""], rows: rows), "",
                "## Reproduce", "", "```sh", env.commandLine, "```", ""]
    }

    static func bytes(_ summary: Summary?, signed: Bool = true) -> String {
        guard let summary else { return "–" }
        return mebibytes(summary.median, signed: signed)
    }

    /// A GitHub table; columns from `rightAlignedFrom` on are right-aligned (numbers).
    public static func table(header: [String], rows: [[String]], rightAlignedFrom: Int = Int.max) -> String {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var lines = ["| " + header.map(escape).joined(separator: " | ") + " |"]
        lines.append("|" + header.indices.map { $0 >= rightAlignedFrom ? " ---: " : " --- " }.joined(separator: "|") + "|")
        for row in rows { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }
}
