/// One comparison a scenario's report makes between two of its variants, on the same work (same
/// size, same output), and what kind of comparison it is, so that the report words it rightly:
///
/// - `.fix(pitfall:fix:)`: the fix cures the pitfall; the report may advise "fix the code".
/// - `.alternatives(a, b)`: two ways to do the job (two libraries), neither a mistake; the report
///   says which holds less, and advises nothing.
/// - `.control(c, of: v)`: `c` is the control of `v` (the same work without the factor under
///   study, e.g. one thread instead of eight): compared and shown, never recommended.
public struct VariantComparison: Sendable, Codable, Equatable, Hashable {
    public enum Kind: String, Sendable, Codable {
        case fix, alternatives, control
    }

    public var kind: Kind
    /// The side the other is measured against: the pitfall, the first alternative, the control.
    public var reference: String
    /// The side measured: the fix, the second alternative, the variant the control is for.
    public var candidate: String

    /// A fix against the pitfall it cures (what every scenario declared before kinds existed).
    public init(pitfall: String, fix: String) {
        self.init(kind: .fix, reference: pitfall, candidate: fix)
    }

    public init(kind: Kind, reference: String, candidate: String) {
        self.kind = kind
        self.reference = reference
        self.candidate = candidate
    }

    public static func fix(pitfall: String, fix: String) -> VariantComparison {
        VariantComparison(pitfall: pitfall, fix: fix)
    }

    /// Two alternatives: `candidate` is measured against `reference`.
    public static func alternatives(_ reference: String, _ candidate: String) -> VariantComparison {
        VariantComparison(kind: .alternatives, reference: reference, candidate: candidate)
    }

    /// `control` is the control of `variant`: `variant` is measured against it.
    public static func control(_ control: String, of variant: String) -> VariantComparison {
        VariantComparison(kind: .control, reference: control, candidate: variant)
    }

    /// The reference side under its pre-kind name: the pitfall of a `.fix` comparison.
    public var pitfall: String { reference }
    /// The candidate side under its pre-kind name: the fix of a `.fix` comparison.
    public var fix: String { candidate }

    // A fix is written as it always was ({"pitfall", "fix"}), so catalogs and reports of
    // scenarios that declare only fixes are unchanged and old ones decode as fixes; the other
    // kinds name their sides for what they are, and a reader that predates them fails loudly
    // (no "pitfall" key) rather than advise a fix.
    private enum CodingKeys: String, CodingKey {
        case kind, pitfall, fix, reference, candidate, control, variant
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .fix
        let keys: (reference: CodingKeys, candidate: CodingKeys) = Self.keys(of: kind)
        self.init(kind: kind, reference: try container.decode(String.self, forKey: keys.reference),
                  candidate: try container.decode(String.self, forKey: keys.candidate))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if kind != .fix { try container.encode(kind, forKey: .kind) }
        let keys = Self.keys(of: kind)
        try container.encode(reference, forKey: keys.reference)
        try container.encode(candidate, forKey: keys.candidate)
    }

    private static func keys(of kind: Kind) -> (reference: CodingKeys, candidate: CodingKeys) {
        switch kind {
        case .fix: return (.pitfall, .fix)
        case .alternatives: return (.reference, .candidate)
        case .control: return (.control, .variant)
        }
    }
}
