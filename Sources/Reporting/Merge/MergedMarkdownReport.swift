import BenchModel

/// `bench merge`'s `report.md`: the testbeds and what sets them apart, findings where they
/// disagree, then per scenario the side-by-side table (each testbed's own figures and verdict)
/// and its chart, and each testbed's own findings. Names are text, as in report.md.
public enum MergedMarkdownReport {
    public static func render(_ merged: MergedReport, charts: [ChartFile] = []) -> String {
        let names = merged.testbeds.map(\.testbed.name)
        var out: [Markdown] = ["# MemoryBench: \(names.count) testbeds", "",
                               "Merged from \(Markdown.joined(merged.testbeds.map { "\(code: $0.source)" }, separator: ", ")). "
                                + "Verdicts are each testbed's own, decided within its runs; nothing below tests one testbed against another: the side-by-side figures describe, they do not judge.", ""]
        out += testbedTable(merged)
        out += ["## Where testbeds disagree", ""]
        out += merged.findings.isEmpty
            ? ["No comparison was decided one way on one testbed and another way on another (undecided verdicts never count).", ""]
            : merged.findings.map { "- \($0)" } + [""]
        for scenario in merged.scenarios {
            out += ["## \(scenario.scenario)", ""]
            out.append(.table(
                header: ["Comparison", "Size", "Metric"] + names.map { "\($0)" },
                rows: scenario.rows.map { row in
                    ["\(row.subject)", "\(grouped(row.size))", "\(row.metric.words)"] + row.figures.map { figure in
                        "\(figure.map { "\(row.metric.format($0.candidateMedianBytes)) vs \(row.metric.format($0.referenceMedianBytes)): \(row.metric.format($0.effectBytes)), \($0.verdict.words)" } ?? "not measured")"
                    }
                }))
            out.append("")
            for chart in charts where chart.scenario == scenario.scenario { out += [chart.image, ""] }
        }
        out += ["## Each testbed's findings", ""]
        for testbed in merged.testbeds {
            out += ["### \(testbed.testbed.name)", ""]
            out += testbed.report.findings.isEmpty ? ["No findings.", ""] : testbed.report.findings.map { "- \($0.marker.map { "(\($0)) " } ?? "")\($0.text)" } + [""]
        }
        return Markdown.lines(out).text
    }

    /// The testbeds, then every fingerprinted field whose value is not the same on all of them.
    static func testbedTable(_ merged: MergedReport) -> [Markdown] {
        let testbeds = merged.testbeds.map(\.testbed)
        var out: [Markdown] = ["## Testbeds", ""]
        out.append(.table(
            header: ["Testbed", "Fingerprint", "Host", "Run", "Commit", "Runs"],
            rows: merged.testbeds.map { entry in
                let t = entry.testbed
                return ["\(code: t.name)", "\(code: Testbed.shortFingerprint(t.fingerprint))", "\(t.information["hostName"] ?? "?")",
                        "\(entry.report.runId)", t.information["commit"].map { "\(code: String($0.prefix(10)))" } ?? "?", "\(entry.report.runs.count)"]
            }))
        out.append("")
        let keys = Set(testbeds.flatMap(\.fields.keys)).sorted()
        let differing = keys.filter { key in Set(testbeds.map { $0.fields[key] ?? "absent" }).count > 1 }
        if differing.isEmpty {
            out += ["All testbeds have the same fingerprint: their differences are run-to-run noise, not machines.", ""]
        } else {
            out += ["What sets them apart (fingerprinted fields that differ):", "",
                    .table(header: ["Field"] + testbeds.map { "\($0.name)" },
                           rows: differing.map { key in ["\(key)"] + testbeds.map { "\($0.fields[key] ?? "absent")" } }), ""]
        }
        return out
    }
}
