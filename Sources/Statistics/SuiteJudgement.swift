/// One configuration's runs in one workload.
public struct NamedRuns: Codable, Sendable, Equatable {
    public var name: String
    public var runs: [Double]
    public init(name: String, runs: [Double]) {
        self.name = name
        self.runs = runs
    }
}

/// Every cell of one workload (scenario + variant + size + metric): the reference
/// configuration and the candidates compared with it. `scope` names the workloads that share
/// their run-to-run variation (scenario + variant + metric: all sizes of one code path).
public struct WorkloadCells: Codable, Sendable, Equatable {
    public var workload: String
    public var scope: String
    public var reference: NamedRuns
    public var candidates: [NamedRuns]
    public init(workload: String, scope: String, reference: NamedRuns, candidates: [NamedRuns]) {
        self.workload = workload
        self.scope = scope
        self.reference = reference
        self.candidates = candidates
    }

    var allCells: [[Double]] { [reference.runs] + candidates.map(\.runs) }
}

/// A candidate-vs-reference verdict, labelled.
public struct JudgedComparison: Codable, Sendable, Equatable {
    public var workload: String
    public var reference: String
    public var candidate: String
    public var verdict: Verdict
}

/// Judges every comparison of a report at once: noise per workload (pooled over its cells,
/// raised by its scope's pooled noise), one t test per candidate, and the multiple-comparison
/// adjustment over all of them.
public enum SuiteJudgement {
    /// Each workload's noise: its own cells pooled, at least its scope's cells pooled. The scope
    /// matters at sweep sizes where only one configuration ran: 3 + 3 runs alone give 4 df and
    /// often a near-zero variance by chance.
    public static func noise(for workloads: [WorkloadCells]) -> [String: WorkloadNoise] {
        var pools = NoisePools()
        for workload in workloads {
            for cell in workload.allCells { pools.add(cell, workload: workload.workload, scope: workload.scope) }
        }
        var result: [String: WorkloadNoise] = [:]
        for workload in workloads { result[workload.workload] = pools.noise(workload: workload.workload, scope: workload.scope) }
        return result
    }

    public static func judge(_ workloads: [WorkloadCells], policy: VerdictPolicy = .default) -> [JudgedComparison] {
        let noise = noise(for: workloads)
        var labels: [(workload: String, reference: String, candidate: String)] = []
        var tests: [DifferenceTest] = []
        for workload in workloads {
            for candidate in workload.candidates {
                labels.append((workload.workload, workload.reference.name, candidate.name))
                tests.append(DifferenceTest(
                    reference: workload.reference.runs, candidate: candidate.runs,
                    noise: noise[workload.workload] ?? .unknown, policy: policy))
            }
        }
        return zip(labels, Verdict.judge(tests, policy: policy)).map { label, verdict in
            JudgedComparison(
                workload: label.workload, reference: label.reference, candidate: label.candidate,
                verdict: verdict)
        }
    }
}
