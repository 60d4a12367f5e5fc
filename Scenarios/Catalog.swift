import MemoryProbe

/// Every scenario the worker can run, in the order `bench all` runs them.
public enum ScenarioCatalog {
    public static let all: [any Scenario] = [
        LoadAllVsBatched(),
    ]

    public static func named(_ name: String) -> (any Scenario)? {
        all.first { $0.name == name }
    }
}
