/// A scenario-specific figure for the report, read from the runs' `checks` (hit rate, entries,
/// rows per second, bytes written, output hash): the label, the check it comes from, and how to
/// show it. Figures marked `mustAgree` are outputs that every run reporting them at one size must
/// share (a content hash): the report flags any mismatch.
public struct ScenarioFigure: Sendable, Codable, Equatable {
    public enum Format: String, Sendable, Codable {
        case count, bytes, perMille, nanoseconds, perSecond, hash
    }

    public var check: String
    public var label: String
    public var format: Format
    public var mustAgree: Bool

    public init(check: String, label: String, format: Format, mustAgree: Bool = false) {
        self.check = check
        self.label = label
        self.format = format
        self.mustAgree = mustAgree
    }
}
