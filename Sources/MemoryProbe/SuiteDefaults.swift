/// How `bench all` runs a scenario where it differs from "every variant under every chosen
/// configuration, the scenario's own parameter defaults": declared by the scenario and carried
/// in the worker's catalog, so that the CLI names no scenario.
public struct SuiteDefaults: Codable, Sendable, Equatable {
    /// Which suites run a scenario: every `bench all`, or only `bench all --long` (a scenario
    /// too slow or too large for every suite: GB-scale peaks, minutes of runs).
    public enum Tier: String, Codable, Sendable {
        case standard, long
    }

    /// Variants `bench all` leaves out (they run when named: `bench run S --variant V`).
    public var variantsLeftOut: [String]
    /// The configurations `bench all` runs the scenario under, those of them that are chosen;
    /// nil (or none of them chosen): every chosen configuration.
    public var allocators: [String]?
    /// `--param` values of `bench all`, and of `bench all --quick`.
    public var parameters: [String: String]
    public var quickParameters: [String: String]
    /// Configurations `bench all` adds for this scenario alone (when they can run here), beyond
    /// the chosen ones; nil: none (e.g. a jemalloc row whose decay fits in the scenario's settle).
    public var addedAllocators: [String]?
    /// `long`: only `bench all --long` runs the scenario (never `--quick`); `bench run` runs it
    /// whenever it is named.
    public var tier: Tier

    public init(variantsLeftOut: [String] = [], allocators: [String]? = nil, parameters: [String: String] = [:],
                quickParameters: [String: String] = [:], addedAllocators: [String]? = nil, tier: Tier = .standard) {
        self.variantsLeftOut = variantsLeftOut
        self.allocators = allocators
        self.parameters = parameters
        self.quickParameters = quickParameters
        self.addedAllocators = addedAllocators
        self.tier = tier
    }

    /// Every variant, every chosen configuration, no parameters, every suite.
    public static let none = SuiteDefaults()

    private enum CodingKeys: String, CodingKey {
        case variantsLeftOut, allocators, parameters, quickParameters, addedAllocators, tier
    }

    /// Catalogs and reports written before tiers existed decode as the standard tier.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(variantsLeftOut: try container.decode([String].self, forKey: .variantsLeftOut),
                  allocators: try container.decodeIfPresent([String].self, forKey: .allocators),
                  parameters: try container.decode([String: String].self, forKey: .parameters),
                  quickParameters: try container.decode([String: String].self, forKey: .quickParameters),
                  addedAllocators: try container.decodeIfPresent([String].self, forKey: .addedAllocators),
                  tier: try container.decodeIfPresent(Tier.self, forKey: .tier) ?? .standard)
    }

    /// The standard tier is left out, so the catalogs and reports of scenarios that do not
    /// declare one are written as before.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(variantsLeftOut, forKey: .variantsLeftOut)
        try container.encodeIfPresent(allocators, forKey: .allocators)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(quickParameters, forKey: .quickParameters)
        try container.encodeIfPresent(addedAllocators, forKey: .addedAllocators)
        if tier != .standard { try container.encode(tier, forKey: .tier) }
    }
}
