import Foundation
import BenchModel
import MemoryProbe

/// One scenario at one size in details.md: its variants, the full table (baseline, every
/// reported phase, allocator live bytes, wall time, spread, the smallest difference its peak
/// comparisons could detect), the charts, the scenario's own figures, allocation counts, and
/// the phase-by-phase medians collapsed.
struct ScenarioDetails {
    var report: Report
    var scenario: ScenarioDescription
    var size: Int
    var charts: [ChartFile]

    var lines: [Markdown] {
        var out: [Markdown] = ["## \(scenario.name + scenario.sized(size, joiner: ", "))", "", "\(scenario.summary + ".")", ""]
        out += report.variantsThatRan(scenario, size: size).map { "- \(code: $0.name): \($0.summary) (phases: \($0.phases.joined(separator: " → ")))" } + [""]
        let cells = report.cells(scenario: scenario.name, size: size).filter { $0.status == .ok }
        out += [cells.isEmpty ? "No run of this scenario finished." : table(cells), ""]
        out += ChartFile.images(charts, scenario: scenario.name, size: size).flatMap { [$0, ""] }
        out += FiguresTable(report: report, scenario: scenario, size: size).lines
        out += CountsTable(report: report, scenario: scenario, size: size).lines
        if !cells.isEmpty {
            out += [.collapsed("Phase by phase (medians over runs)"), "", phaseTable(cells), "", Markdown.collapsedEnd, ""]
        }
        return out
    }

    func table(_ cells: [CellReport]) -> Markdown {
        let bytes = MarkdownReport.bytes
        var header: [Markdown] = ["Variant", "Allocator", "Baseline", "Peak"]
        header += scenario.reportedPhases.map { "After \($0)" }
        header += [scenario.livePhase.isEmpty ? "Allocator live" : "Live at end of \(scenario.livePhase)", "Wall", "Runs", "Peak spread", "Detectable"]
        let rows: [[Markdown]] = cells.map { cell in
            var row: [Markdown] = ["\(code: cell.key.variant)", "\(cell.key.allocator)", bytes(cell.baselineBytes, false),
                                   bytes(cell.peakOverBaselineBytes, true) + (report.isSampled(cell.key) ? " *(sampled)*" : "")]
            row += scenario.reportedPhases.map { bytes(cell.rssAfterPhaseOverBaselineBytes[$0], true) }
            row.append(bytes(cell.liveBytes, false))
            row.append("\(cell.wallSeconds.map { String(format: "%.2f s", $0.median) } ?? "–")")
            row.append("\(cell.okRuns)")
            row.append("\(cell.peakOverBaselineBytes?.spreadPercent.map { String(format: "±%.1f %%", $0) } ?? "–")")
            row.append("\(detectable(cell))")
            return row
        }
        return .table(header: header, rows: rows, rightAlignedFrom: 2)
    }

    func detectable(_ cell: CellReport) -> String {
        report.smallestDetectablePeakDifference(cell.key).map { mebibytes($0) } ?? "–"
    }

    func phaseTable(_ cells: [CellReport]) -> Markdown {
        let bytes = MarkdownReport.bytes
        func seconds(_ summary: Summary?) -> Markdown { "\(summary.map { String(format: "%.3f s", $0.median) } ?? "–")" }
        let rows: [[Markdown]] = cells.flatMap { cell in
            cell.phases.map { phase in
                ["\(code: cell.key.variant)", "\(cell.key.allocator)", "\(phase.name)", bytes(phase.peakOverBaselineBytes, true),
                 bytes(phase.sampledPeakOverBaselineBytes, true), bytes(phase.rssOverBaselineBytes, true),
                 bytes(phase.rssAnonBytes, false), bytes(phase.rssFileBytes, false),
                 bytes(phase.liveBytes, false), bytes(phase.freeBytes ?? phase.residentBytes, false),
                 "\(phase.arenas.map(String.init) ?? "–")", seconds(phase.wallSeconds), seconds(phase.cpuSeconds)]
            }
        }
        return .table(header: ["Variant", "Allocator", "Phase", "Peak", "Sampled peak", "RSS at end", "RssAnon", "RssFile",
                               "Allocator live", "glibc free / jemalloc resident", "Arenas", "Wall", "CPU"],
                      rows: rows, rightAlignedFrom: 3)
    }
}
