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
        WorkloadNoise(pooling: workloads[workload] ?? []).atLeast(WorkloadNoise(pooling: scopes[scope] ?? []))
    }
}
