/// A trend through several runs of one series each (a soak's RSS against requests served):
/// every run is centred on its own means, so that runs settling at different levels share one
/// slope instead of passing their levels off as scatter around it; each run's level is a fitted
/// parameter and costs a degree of freedom.
extension GrowthTrend {
    /// nil when no run has two distinct x values.
    public init?(runs: [[(x: Double, y: Double)]], floor: Double, margin: Double? = nil, alpha: Double = 0.05) {
        let usable = runs.filter { !$0.isEmpty }
        var x: [Double] = [], y: [Double] = []
        for run in usable {
            let meanX = Sample.mean(run.map(\.x)) ?? 0, meanY = Sample.mean(run.map(\.y)) ?? 0
            x += run.map { $0.x - meanX }
            y += run.map { $0.y - meanY }
        }
        self.init(x: x, y: y, floor: floor, margin: margin, alpha: alpha, extraParameters: max(0, usable.count - 1))
    }
}
