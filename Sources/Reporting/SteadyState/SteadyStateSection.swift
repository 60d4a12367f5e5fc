import BenchModel
import Statistics

/// "## Steady state": for every service run (`bench exec --duration`) and soak, per
/// configuration one line (warm-up, the creep's slope with its interval, its verdict against the
/// margin, plateau, final level, requests served, and against glibc the plateau and creep
/// verdicts); in details.md every run's figures.
struct SteadyStateSection: ReportSection {
    var report: Report

    static let method = "The window is the service's measured one (`bench exec --duration`: from readiness to SIGTERM; a soak: its steady slices, after its own warm-up phase), RSS as sampled (the command's tree with `--measure tree`). "
        + "The warm-up is found in each run by MSER about a line (on 100 equal time bins, the truncation that minimises the marginal standard error of what is kept about its least-squares line: a constant slope, zero or not, is steady; none is found when that minimum lies in the window's second half: RSS still bending, and then the second half is measured). "
        + "After it: the plateau (mean RSS), the slope from 20 batch means with its 95 % interval (over the runs as replicates, or one run's batch means with their lag-1 correlation taken out: samples a millisecond apart are not independent). "
        + "*Creeps*: the interval excludes zero and the slope adds more than the margin over a window; *flat*: even the interval's extreme adds less; otherwise *undecided*, and always when a run never settled (a warm-up that outlasts the window cannot be told from a creep). "
        + "The margin (the instrument's floor or 2 % of the plateau) is fixed before the noise is seen. "
        + "Against glibc, the plateau and the creep over the window are compared like every other figure (t test on the pooled run-to-run variation, Holm over the whole report)."

    var summary: [Markdown] {
        let lines = report.decisions.creep
        guard !lines.isEmpty else { return [] }
        var out: [Markdown] = ["## Steady state", "", "\(Self.method)", ""]
        for group in lines.groupedInOrder(by: { "\($0.scenario)|\($0.variant)|\($0.size)" }) {
            guard let first = group.elements.first else { continue }
            out.append("**\(first.scenario)** (\(code: first.variant)\(CreepLine.window(first, report: report))):")
            out.append("")
            for line in group.elements { out.append("- \(line.sentence)") }
            out.append("")
        }
        return out
    }

    var details: [Markdown] {
        let lines = report.decisions.creep
        guard !lines.isEmpty else { return [] }
        var rows: [[Markdown]] = []
        for line in lines {
            for run in line.steady.runs {
                rows.append(["\(line.scenario)", "\(code: line.variant)", "\(line.allocator)", "\(run.repetition)",
                             "\(CreepLine.seconds(run.windowSeconds))",
                             "\(run.warmupFound ? CreepLine.seconds(run.warmupSeconds) : "none (\(CreepLine.seconds(run.warmupSeconds)) judged from)")",
                             "\(mebibytes(run.plateauBytes))", "\(mebibytes(run.finalBytes))", "\(CreepLine.perMinute(run.slopeBytesPerMinute))",
                             "\(run.slopeStandardErrorBytesPerMinute.map { "±" + CreepLine.perMinute($0).dropFirst() } ?? "–")",
                             "\(run.requests.map(grouped) ?? "–")"])
            }
        }
        return ["## Steady state, run by run", "", "\(Self.method)", "",
                .table(header: ["Scenario", "Variant", "Allocator", "Run", "Window", "Warm-up", "Plateau", "Final", "Slope", "Its standard error (batch means)", "Requests"],
                       rows: rows, rightAlignedFrom: 3), ""]
    }
}
