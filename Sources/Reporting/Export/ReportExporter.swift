import Foundation
import BenchModel

/// One way of writing a report to a file (hyperfine's `--export-*`): JSON (report.json itself),
/// Markdown (report.md without chart images, for pasting where the SVGs are not beside it) and
/// github-action-benchmark's `customSmallerIsBetter`.
public protocol ReportExporter {
    func export(_ report: Report) throws -> Data
}

/// `report.json`: the whole report, pretty-printed with sorted keys (stable diffs).
public struct JSONExporter: ReportExporter {
    public init() {}

    public func export(_ report: Report) throws -> Data {
        return try JSONCoding.encoder(pretty: true).encode(report)
    }
}

/// The Markdown report, standalone: the same text as report.md with a note in place of the chart
/// images (a pull-request comment or a GitHub Actions step summary cannot show the run folder's SVGs).
public struct MarkdownExporter: ReportExporter {
    public init() {}

    public func export(_ report: Report) throws -> Data {
        Data(MarkdownReport.render(report).utf8)
    }
}

/// github-action-benchmark's `customSmallerIsBetter` input: an array of `{name, unit, value,
/// range, extra}`, one entry per scenario × variant × allocator × size × metric (peak RSS, RSS
/// after release, wall time). `range` is half the runs' min–max range; single runs have none.
public struct GitHubBenchmarkExporter: ReportExporter {
    public struct Entry: Codable, Equatable {
        public var name: String
        public var unit: String
        public var value: Double
        public var range: String?
        public var extra: String?
    }

    public init() {}

    public func entries(_ report: Report) -> [Entry] {
        report.cells.filter { $0.status == .ok }.flatMap { cell in
            ReportMetric.allCases.compactMap { metric -> Entry? in
                guard let summary = metric.summary(of: cell, in: report) else { return nil }
                let key = cell.key
                let round = { (value: Double) in (metric.display(value) * 1000).rounded() / 1000 }
                let half = (summary.max - summary.min) / 2
                return Entry(
                    name: "\(key.scenario)/\(key.variant)/\(key.allocator)/\(key.size): \(metric.label)",
                    unit: metric.unit, value: round(summary.median),
                    range: summary.count > 1 ? String(format: "± %.3f", metric.display(half)) : nil,
                    extra: "\(summary.count) run\(summary.count == 1 ? "" : "s"); min \(metric.format(summary.min)), max \(metric.format(summary.max)); \(report.environment.buildConfiguration) build, run \(report.runId)")
            }
        }
    }

    public func export(_ report: Report) throws -> Data {
        return try JSONCoding.encoder(pretty: true).encode(entries(report))
    }
}
