import BenchModel

/// Runs that a report would compare but that did different work: a check every variant of one
/// size must agree on (`context.check`, unless recorded `informational`) has different values
/// in the two cells. Either the two variants of a declared comparison (`variants` holds both,
/// reference first: their comparison is left out under `configurations`), or one variant whose
/// own runs disagree across configurations or repetitions (`variants` holds it alone: its
/// allocator comparisons between cells that disagree are left out).
public struct WorkMismatch: Codable, Sendable, Equatable {
    public var scenario: String
    public var size: Int
    public var variants: [String]
    /// Where the values differ: for two variants, the configurations under which both ran and
    /// disagreed; for one, every configuration it ran under.
    public var configurations: [String]
    /// Every check that differs, with who recorded which value.
    public var checks: [CheckValues]

    public struct CheckValues: Codable, Sendable, Equatable {
        public var check: String
        public var values: [Seen]
    }

    /// One value of a check, with the variants and configurations whose runs recorded it.
    public struct Seen: Codable, Sendable, Equatable {
        public var value: Int
        public var variants: [String]
        public var configurations: [String]
    }

    /// Two variants of a comparison (as opposed to one variant's own runs).
    public var isBetweenVariants: Bool { variants.count == 2 }
}

extension WorkMismatch {
    /// The one line the report and bench say it in: "csv-parse: `swiftcsv` and `csv-stream` did
    /// different work at 200,000 rows: rows 200000 vs 199999; no verdict between them."
    /// `hashes` are the checks shown as 16 hex digits (the scenario's hash figures).
    func sentence(sized: String, allConfigurations: [String], hashes: Set<String>) -> String {
        let under = configurations == allConfigurations ? "" : " (under \(configurations.joined(separator: ", ")))"
        let values = checks.map { "\($0.check) \(describe($0, hex: hashes.contains($0.check)))" }.joined(separator: "; ")
        if isBetweenVariants {
            return "\(scenario): \(Markdown.code(variants[0])) and \(Markdown.code(variants[1])) did different work\(sized.isEmpty ? "" : " at \(sized)"): \(values)\(under); no verdict is made between them."
        }
        return "\(scenario): the runs of \(Markdown.code(variants[0])) did different work\(sized.isEmpty ? "" : " at \(sized)"): \(values); its allocator comparisons between runs that disagree are left out."
    }

    /// "1000 vs 999" (each variant's values, reference first), or "1000 (glibc) vs 999
    /// (jemalloc-preload)" for one variant's configurations.
    func describe(_ check: CheckValues, hex: Bool) -> String {
        func text(_ value: Int) -> String { hex ? FigureText.hex(value) : String(value) }
        if isBetweenVariants {
            return variants.map { variant in
                check.values.filter { $0.variants.contains(variant) }.map { text($0.value) }.joined(separator: "/")
            }.joined(separator: " vs ")
        }
        return check.values.map { "\(text($0.value)) (\($0.configurations.joined(separator: ", ")))" }.joined(separator: " vs ")
    }
}
