import Hummingbird

/// `/report?rows=N&seed=S`, checked: a bad value is a 400 that names it, never a silent default.
/// Missing values take the Python example's defaults (2,000 rows, seed 0).
struct ReportQuery: Sendable {
    static let rowLimit = 1...20_000

    let rows: Int
    let seed: UInt64

    init(_ parameters: Parameters) throws {
        rows = try Self.value(parameters["rows"], default: 2_000, name: "rows", range: Self.rowLimit)
        seed = UInt64(try Self.value(parameters["seed"], default: 0, name: "seed", range: 0...Int.max))
    }

    private static func value(
        _ text: Substring?, default fallback: Int, name: String, range: ClosedRange<Int>
    ) throws -> Int {
        guard let text else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw HTTPError(
                .badRequest,
                message: "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }
}
