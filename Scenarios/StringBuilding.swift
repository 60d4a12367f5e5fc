import MemoryProbe

/// Seed 000: `result += order.to_json + "\n"` against writing each line through a fixed buffer.
/// Every variant renders the same generated orders as JSON lines into a file; at one size the
/// files must be byte-identical (checked in the `verify` phase).
public struct StringBuilding: Scenario, ReportsFigures, SweepsInSuite {
    public let name = "string-building"
    public static let defaultCopyingCap = 2_000
    public let summary = "Render N generated orders as JSON lines into a file: one growing String written at the end (concat), the copy-per-step form `result = result + line` (copying-concat: O(N²), so it runs at most 2,000 orders, `--param copying-cap=N`; the worker refuses a larger size and it is compared at its own size), or a 64 KiB buffered writer (stream)"
    public let sizeUnit = "orders"
    public let defaultSize = 50_000
    public let quickSize = 5_000
    public let reportedPhases = ["build", "write", "release", "trim"]
    public let livePhase = "build"
    public let verificationPhases = ["verify"]
    public let suiteSweepSizes = [10_000, 25_000, 50_000]
    public let quickSweepSizes = [2_000, 5_000]

    public let variants = [
        ScenarioVariant(name: "concat", summary: "result += line for every order into one String (appended in place), then write it to the file",
                        phases: ["build", "write", "release", "trim", "verify"]),
        ScenarioVariant(name: "copying-concat", summary: "result = result + line (a new String per step, the old one freed; O(N²), so at most 2,000 orders, `--param copying-cap=N`), then write it",
                        phases: ["build", "write", "release", "trim", "verify"], maximumSize: StringBuilding.defaultCopyingCap),
        ScenarioVariant(name: "stream", summary: "each line written through one 64 KiB buffer (BufferedFileWriter); the last flush is the write phase",
                        phases: ["build", "write", "release", "trim", "verify"]),
    ]

    /// The copy per step is the pitfall that the in-place append (`concat`) and the buffered
    /// writer both cure (compared at copying-concat's size); `concat`, which still holds the
    /// whole output, is the pitfall that `stream` cures at every size.
    public let comparisons = [
        VariantComparison(pitfall: "concat", fix: "stream"),
        VariantComparison(pitfall: "copying-concat", fix: "concat"),
        VariantComparison(pitfall: "copying-concat", fix: "stream"),
    ]

    public let parameters = [
        ParameterDeclaration(key: "copying-cap", summary: "the largest size copying-concat runs at, in orders (default 2,000)"),
    ]

    public let figures = [
        ScenarioFigure(check: "orders", label: "Orders rendered", format: .count),
        ScenarioFigure(check: "bytesWritten", label: "Bytes written", format: .bytes),
        ScenarioFigure(check: "outputHash", label: "Output hash (FNV-1a)", format: .hash, mustAgree: true),
        ScenarioFigure(check: "prefixHash", label: "Hash of the first min(N, 2,000) lines", format: .hash, mustAgree: true),
    ]

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    /// copying-concat's cap, `--param copying-cap` or 2,000.
    static func copyingCap(_ parameters: [String: String]) throws -> Int {
        guard let text = parameters["copying-cap"] else { return defaultCopyingCap }
        guard let cap = Int(text), cap > 0 else { throw ScenarioCheckFailed("parameter copying-cap=\(text) is not a positive integer") }
        return cap
    }

    public func maximumSize(of variant: String, parameters: [String: String]) throws -> Int? {
        variant == "copying-concat" ? try Self.copyingCap(parameters) : nil
    }

    final class Held {
        var text: String?
        var writer: BufferedFileWriter?
    }

    public func run(variant: String, context: RunContext) throws {
        let path = "\(context.scratchDirectory)/orders.jsonl"
        let orders = context.size
        if let maximum = try maximumSize(of: variant, parameters: context.parameters), orders > maximum {
            throw ScenarioCheckFailed("\(variant) runs at most \(maximum) orders (copying-cap), not \(orders)")
        }
        let held = Held()

        switch variant {
        case "concat":
            try context.phase("build") {
                var result = ""
                for id in 1...Int64(orders) { result += Order.generate(id: id).jsonLine }
                held.text = result
            }
        case "copying-concat":
            try context.phase("build") {
                var result = ""
                for id in 1...Int64(orders) {
                    // The copy-per-step form: a new String of everything so far plus the line.
                    let previous = result
                    result = previous + Order.generate(id: id).jsonLine
                    blackHole(previous)
                }
                held.text = result
            }
        case "stream":
            try context.phase("build") {
                let writer = try BufferedFileWriter(path: path)
                for id in 1...Int64(orders) { try writer.write(Order.generate(id: id).jsonLine) }
                held.writer = writer
            }
        default:
            throw ScenarioCheckFailed("unknown variant \(variant)")
        }
        var bytesWritten = 0
        try context.phase("write") {
            if let writer = held.writer {
                try writer.close()
                bytesWritten = writer.bytesWritten
            } else if let text = held.text {
                let writer = try BufferedFileWriter(path: path)
                try writer.write(text)
                try writer.close()
                bytesWritten = writer.bytesWritten
            }
        }
        try context.phase("release") {
            held.text = nil
            held.writer = nil
        }
        try context.trimPhase()

        // Prove the file holds every rendered order, and hash it.
        let digest = try context.phase("verify") {
            try FileDigest.of(path: path, prefixLines: min(orders, Self.defaultCopyingCap))
        }
        guard digest.lines == orders, digest.bytes == bytesWritten else {
            throw ScenarioCheckFailed("\(path) has \(digest.lines) lines and \(digest.bytes) bytes; \(orders) orders and \(bytesWritten) bytes were written")
        }
        context.check("orders", orders)
        context.check("bytesWritten", bytesWritten)
        context.check("outputHash", digest.hash)
        context.check("prefixHash", digest.prefixHash)
    }
}

extension Order {
    /// One JSON line, newline included. Fields never contain quotes or backslashes by
    /// construction, so nothing needs escaping.
    public var jsonLine: String {
        "{\"id\":\(id),\"customer\":\"\(customer)\",\"status\":\"\(status)\",\"total\":\(total),\"created_at\":\"\(createdAt)\",\"note\":\"\(note)\"}\n"
    }
}
