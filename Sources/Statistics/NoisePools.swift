/// Runs gathered for pooling: each cell's runs under its workload (scenario + variant + size +
/// metric) and its scope (the same without the size). A workload's noise is its cells pooled,
/// at least its scope's: at sweep sizes where only one configuration ran, 3 + 3 runs alone give
/// 4 degrees of freedom and often a near-zero variance by chance. The one place that rule lives:
/// report verdicts, `bench compare` and the A/A simulation all ask here.
public struct NoisePools: Sendable {
    private var workloads: [String: [[Double]]] = [:]
    private var scopes: [String: [[Double]]] = [:]

    public init() {}

    /// Adds one cell's runs.
    public mutating func add(_ runs: [Double], workload: String, scope: String) {
        workloads[workload, default: []].append(runs)
        scopes[scope, default: []].append(runs)
    }

    /// The workload's pooled noise, raised to its scope's when that is larger.
    public func noise(workload: String, scope: String) -> WorkloadNoise {
        WorkloadNoise(pooling: Self.canonical(workloads[workload] ?? []))
            .atLeast(WorkloadNoise(pooling: Self.canonical(scopes[scope] ?? [])))
    }

    /// The cells in one order whatever order they were added in: a floating-point sum depends on
    /// its order, and callers add cells as they iterate (a dictionary's order changes from one
    /// process to the next), so the same runs must give the same bits in every report.
    static func canonical(_ cells: [[Double]]) -> [[Double]] {
        cells.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
