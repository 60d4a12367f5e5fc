/// The rough families a worker's resident objects fall into, for the calibration's "worker
/// floor" line: Foundation, the Swift runtime, the worker binary, SQLite, C libraries, anonymous.
public enum ObjectFamily {
    /// What a group of objects keeps resident, by a rough family: Foundation, the Swift runtime,
    /// the worker binary (scenarios and GRDB, linked statically), SQLite, C libraries, anonymous.
    public static func family(of object: String) -> String {
        if object.contains("Foundation") { return "Foundation" }
        if object.hasPrefix("libswift") || object.contains("dispatch") || object.contains("BlocksRuntime") { return "Swift runtime" }
        if object.hasPrefix("bench-worker") { return "built-in worker binary (scenarios + GRDB)" }
        if object.contains("sqlite") { return "SQLite" }
        if object.hasPrefix("[") { return "anonymous (heap, stacks, runtime data)" }
        return "C/C++ libraries"
    }

    public static func byFamily(_ objects: [CalibrationFigures.ObjectFootprint]) -> [(family: String, bytes: Int)] {
        var totals: [String: Int] = [:]
        for object in objects { totals[family(of: object.object), default: 0] += object.residentBytes }
        return totals.sorted { $0.value > $1.value }.map { ($0.key, $0.value) }
    }
}
