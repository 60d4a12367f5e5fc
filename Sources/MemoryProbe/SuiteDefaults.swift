/// How `bench all` runs a scenario where it differs from "every variant under every chosen
/// configuration, the scenario's own parameter defaults": declared by the scenario and carried
/// in the worker's catalog, so that the CLI names no scenario.
public struct SuiteDefaults: Codable, Sendable, Equatable {
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

    public init(variantsLeftOut: [String] = [], allocators: [String]? = nil, parameters: [String: String] = [:],
                quickParameters: [String: String] = [:], addedAllocators: [String]? = nil) {
        self.variantsLeftOut = variantsLeftOut
        self.allocators = allocators
        self.parameters = parameters
        self.quickParameters = quickParameters
        self.addedAllocators = addedAllocators
    }

    /// Every variant, every chosen configuration, no parameters.
    public static let none = SuiteDefaults()
}
