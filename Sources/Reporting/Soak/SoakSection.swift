import BenchModel
import MemoryProbe

/// "## Soak: does RSS creep?": per configuration, RSS at the end of the steady window, the
/// slope in KiB per 1,000 requests with its interval, the floor and the verdict
/// (`ReportDecisions.creep`).
struct SoakSection: ReportSection {
    var report: Report

    var summary: [Markdown] {
        let lines = report.decisions.creep
        guard !lines.isEmpty else { return [] }
        let rows: [[Markdown]] = lines.map { line in
            let interval = line.intervalKiBPerThousand.map { "\(CreepLine.kib($0.lower)) to \(CreepLine.kib($0.upper))" } ?? "–"
            return ["\(line.scenario)", "\(code: line.variant)", "\(grouped(line.steadyRequests ?? line.size))", "\(line.allocator)", "\(line.runs)",
                    "\(mebibytes(line.plateauMedian))", "\(CreepLine.kib(line.kibPerThousandRequests))", "\(interval)",
                    "\(mebibytes(line.trend.fittedGrowth, signed: true))", "\(mebibytes(line.trend.floor))",
                    "\(line.requestsPerSecond.map { grouped(Int($0.rounded())) } ?? "–")", "\(line.verdictWord)"]
        }
        return ["## Soak: does RSS creep?", "",
                "RSS at the end of each of the steady window's \(SteadyWindow.slices) slices against the requests served, fitted by least squares through every run (each centred on its own level), with the slope's 95 % interval. "
                    + "*Creeps*: the interval excludes zero and the fitted growth over the window exceeds the floor (5 σ of the runs' variation at each slice once each run's level is taken out, at least the instrument's floor and 2 % of the plateau); "
                    + "*flat*: even the interval's extreme, over the whole window, stays under the floor; otherwise *undecided*. The plateau is RSS at the end of the window.", "",
                .table(header: ["Scenario", "Variant", "Requests in the window", "Allocator", "Runs", "Plateau", "KiB per 1,000 requests", "Interval", "Over the window", "Floor", "Requests/s", "Verdict"],
                       rows: rows, rightAlignedFrom: 4), ""]
    }
}
