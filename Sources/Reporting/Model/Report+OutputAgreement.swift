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
            let reported = records.compactMap { run in run.record?.checks[figure.check].map { (value: $0, variant: run.variant) } }
            let values = reported.groupedInOrder(by: \.value).map { (value: $0.key, variants: $0.elements.map(\.variant).uniqued()) }
            return reported.isEmpty ? nil : FigureAgreement(figure: figure, values: values, runs: reported.count)
        }
    }
}
