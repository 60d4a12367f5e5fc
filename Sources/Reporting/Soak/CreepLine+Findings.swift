import BenchModel
import Statistics

extension CreepLine {
    /// "creeps +12.3 KiB per 1,000 requests (interval +10.1 to +14.5; +18.0 MiB over the 40,000
    /// requests, beyond the 1.2 MiB floor)", or flat / undecided in the same shape.
    public var creepSentence: String {
        let slope = "\(Self.kib(kibPerThousandRequests)) KiB per 1,000 requests"
        let interval = intervalKiBPerThousand.map { "interval \(Self.kib($0.lower)) to \(Self.kib($0.upper))" } ?? "no interval: too few points"
        let window = "over \(grouped(Int(trend.range.rounded()))) requests"
        let floor = "the \(Findings.size(trend.floor)) floor"
        switch trend.kind {
        case .grows, .shrinks:
            return "\(verdictWord) \(slope) (\(interval); \(mebibytes(trend.fittedGrowth, signed: true)) \(window), beyond \(floor))"
        case .flat:
            let most = max(abs(trend.slopeInterval?.lower ?? 0), abs(trend.slopeInterval?.upper ?? 0)) * trend.range
            return "flat: \(slope) (\(interval); at most \(Findings.size(most)) \(window), under \(floor))"
        case .noClearTrend:
            return "undecided: \(slope) (\(interval); the interval allows more than \(floor) \(window) either way)"
        }
    }

    /// One finding per configuration of every soak: its creep, and against glibc (the reference)
    /// its plateau, judged like the report's other differences (t test on the configurations'
    /// pooled run-to-run variation, Holm over the soak's plateau comparisons).
    static func findings(_ report: Report) -> [Finding] {
        let lines = report.decisions.creep
        var findings: [Finding] = []
        func group(_ line: CreepLine) -> [String] { [line.scenario, line.variant, String(line.size)] }
        for each in lines.map(group).uniqued() {
            let mine = lines.filter { group($0) == each }
            let plateaus = plateauVerdicts(mine, policy: report.verdictPolicy)
            for line in mine {
                // A timed soak (`--param duration=S`) serves what it can: the size is not its window.
                let window = line.steadyRequests == line.size
                    ? "\(grouped(line.size)) \(report.scenario(named: line.scenario)?.sizeUnit ?? "")"
                    : "timed, \(grouped(line.steadyRequests ?? 0)) requests"
                var text = "\(line.scenario) (\(Markdown.code(line.variant)), \(window)): \(line.allocator) \(line.creepSentence)"
                text += "; plateau \(mebibytes(line.plateauMedian))"
                if let verdict = plateaus[line.allocator], let glibc = mine.first(where: { $0.allocator == ComparisonPlan.referenceConfiguration }) {
                    text += ", \(plateauWords(verdict, glibc: glibc.plateauMedian, mine: line.plateauMedian))"
                }
                if let rate = line.requestsPerSecond { text += ", \(grouped(Int(rate.rounded()))) requests/s" }
                if let arenas = line.arenas { text += ", \(arenas) glibc arenas" }
                text += " (\(line.runs) run\(line.runs == 1 ? "" : "s"))."
                let verdict = line.trend.verdict
                findings.append(Finding(kind: .creep, scenario: line.scenario, size: line.size, variants: [line.variant],
                                        configurations: [line.allocator], verdict: verdict, text: text,
                                        beyondNoise: verdict == .beyondNoise))
            }
        }
        return findings
    }

    /// Each configuration's plateau against glibc's, judged together.
    static func plateauVerdicts(_ lines: [CreepLine], policy: VerdictPolicy) -> [String: Verdict] {
        guard let glibc = lines.first(where: { $0.allocator == ComparisonPlan.referenceConfiguration }) else { return [:] }
        let others = lines.filter { $0.allocator != ComparisonPlan.referenceConfiguration }
        let noise = WorkloadNoise(pooling: lines.map(\.plateaus))
        let tests = others.map { DifferenceTest(reference: glibc.plateaus, candidate: $0.plateaus, noise: noise, policy: policy) }
        return Dictionary(uniqueKeysWithValues: zip(others.map(\.allocator), Verdict.judge(tests, policy: policy)))
    }

    /// "23 % lower at the plateau than glibc (92.1 vs 120.0 MiB, beyond noise)".
    static func plateauWords(_ verdict: Verdict, glibc: Double, mine: Double) -> String {
        let share = glibc > 0 ? abs(mine - glibc) / glibc * 100 : 0
        let direction = mine < glibc ? "lower" : "higher"
        let figures = "\(mebibytes(mine)) vs \(mebibytes(glibc))"
        switch verdict.kind {
        case .beyondNoise: return String(format: "%.0f %% %@ at the plateau than glibc (%@, beyond noise)", share, direction, figures)
        case .withinNoise: return "at the plateau the same as glibc within noise (\(figures))"
        case .undecided: return String(format: "%.0f %% %@ at the plateau than glibc, undecided (%@)", share, direction, figures)
        case .notJudged: return String(format: "%.0f %% %@ at the plateau than glibc, not judged (%@)", share, direction, figures)
        }
    }
}
