import MemoryProbe

/// Every scenario the worker can run, in the order `bench all` runs them (`bench all --long`
/// adds the long tier's: `ThreadPoolBloat`).
public enum ScenarioCatalog {
    public static let all: [any Scenario] = [
        LoadAllVsBatched(),
        StringBuilding(),
        Caches(),
        ThreadedChurn(),
        ServerSoak(),
        BulkWrites(),
        ThreadPoolBloat(),
        Fault(),
        Gates(),
        // Calibration (hidden): the instrument measured against known answers.
        NullCalibration(), SpikeCalibration(), KnownSizeCalibration(), CPUBoundCalibration(),
        KnownSitesCalibration(),
    ]

    /// The scenarios `bench all` runs (hidden ones run only when named).
    public static var visible: [any Scenario] { all.filter { !$0.isHidden } }

    public static func named(_ name: String) -> (any Scenario)? {
        all.first { $0.name == name }
    }

    /// The catalog as data (`bench-worker catalog`).
    public static var description: ScenarioCatalogDescription { ScenarioCatalogDescription(describing: all) }
}
