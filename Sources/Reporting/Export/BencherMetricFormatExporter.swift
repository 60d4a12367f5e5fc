import Foundation
import BenchModel
import Statistics

/// Bencher Metric Format (BMF, https://bencher.dev/docs/reference/bencher-metric-format):
/// `{benchmark: {measure: {value, lower_value, upper_value}}}`, lower and upper optional.
/// Two kinds of benchmark, both smaller-is-better:
/// - a cell, `scenario/variant/configuration/size`, with its medians (MiB, seconds) as measures
///   and no bounds (a cell's runs are not an interval of anything);
/// - a comparison the report decided, `scenario/size: candidate vs reference`, whose measure
///   `<metric>-difference-mib` is the verdict's effect, bounded by its interval.
/// Bencher's testbed is the report's testbed: `bencher run --testbed` takes its name.
public struct BencherMetricFormatExporter: ReportExporter {
    public struct Metric: Codable, Equatable, Sendable {
        public var value: Double
        public var lowerValue: Double?
        public var upperValue: Double?

        enum CodingKeys: String, CodingKey {
            case value
            case lowerValue = "lower_value"
            case upperValue = "upper_value"
        }
    }

    /// Bencher's limit on a measure slug.
    public static let measureSlugLimit = 64

    public init() {}

    public func benchmarks(_ report: Report) -> [String: [String: Metric]] {
        var out: [String: [String: Metric]] = [:]
        for cell in report.cells where cell.status == .ok {
            var measures: [String: Metric] = [:]
            for metric in ReportMetric.allCases {
                guard let summary = metric.summary(of: cell, in: report) else { continue }
                measures[Self.measure(metric)] = Metric(value: Self.rounded(metric.display(summary.median)))
            }
            let key = cell.key
            if !measures.isEmpty { out["\(key.scenario)/\(key.variant)/\(key.allocator)/\(key.size)", default: [:]].merge(measures) { $1 } }
        }
        for comparison in report.comparisons {
            let verdict = comparison.verdict
            // Bytes in MiB; wall time stays in seconds.
            let bytes = comparison.metric.isBytes
            let toMiB = { (value: Double) in Self.rounded(bytes ? value / 1_048_576 : value) }
            let name = "\(comparison.scenario)/\(comparison.size): \(comparison.candidateVariant)/\(comparison.candidateConfiguration) vs \(comparison.referenceVariant)/\(comparison.referenceConfiguration)"
            out[name, default: [:]]["\(Self.slug(comparison.metric.rawValue))-difference-\(bytes ? "mib" : "s")"] = Metric(
                value: toMiB(verdict.effect), lowerValue: verdict.interval.map { toMiB($0.lower) },
                upperValue: verdict.interval.map { toMiB($0.upper) })
        }
        return out
    }

    public func export(_ report: Report) throws -> Data {
        try JSONCoding.encoder(pretty: true).encode(benchmarks(report))
    }

    /// "peak-rss-mib", "release-rss-mib", "time-s".
    static func measure(_ metric: ReportMetric) -> String {
        metric == .time ? "wall-time-s" : "\(metric.rawValue)-rss-mib"
    }

    /// "afterRelease" → "after-release" (Bencher's slugs are kebab case).
    static func slug(_ camel: String) -> String {
        camel.reduce(into: "") { out, character in
            if character.isUppercase { out += "-" + character.lowercased() } else { out.append(character) }
        }
    }

    static func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}
