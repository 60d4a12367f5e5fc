import BenchModel
import MemoryProbe

/// Scenario-specific figures (hit rate, rows per second, output hashes) read from the runs'
/// `checks`, and whether the outputs that must agree did: variants whose outputs differ did not
/// do the same work, and are never compared.
extension Report {
    /// The figures a scenario declares, if it declares any.
    public func figures(of scenario: String) -> (figures: [ScenarioFigure], byAllocator: Bool)? {
        guard let info = self.scenario(named: scenario), !info.figures.isEmpty else { return nil }
        return (info.figures, info.figuresByAllocator)
    }

    /// The successful runs of a scenario at one size, in report order.
    func okRuns(_ scenario: String, size: Int) -> [RunResult] {
        runs.filter { $0.scenario == scenario && $0.size == size && $0.status == .ok && $0.record != nil }
    }

    public struct FigureAgreement: Sendable {
        public var figure: ScenarioFigure
        /// Each distinct value with the variants that produced it.
        public var values: [(value: Int, variants: [String])]
        public var runs: Int
        public var agrees: Bool { values.count <= 1 }
    }

    /// For each `mustAgree` figure: the distinct values over every run at this size.
    public func agreements(_ scenario: String, size: Int) -> [FigureAgreement] {
        guard let (figures, _) = figures(of: scenario) else { return [] }
        let records = okRuns(scenario, size: size)
        return figures.filter(\.mustAgree).compactMap { figure in
            var values: [(value: Int, variants: [String])] = []
            var runs = 0
            for run in records {
                guard let value = run.record?.checks[figure.check] else { continue }
                runs += 1
                if let index = values.firstIndex(where: { $0.value == value }) {
                    if !values[index].variants.contains(run.variant) { values[index].variants.append(run.variant) }
                } else {
                    values.append((value, [run.variant]))
                }
            }
            return runs == 0 ? nil : FigureAgreement(figure: figure, values: values, runs: runs)
        }
    }
}
