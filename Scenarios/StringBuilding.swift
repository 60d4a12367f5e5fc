import MemoryProbe

/// Seed 000: `result += order.to_json + "\n"` against writing each line through a fixed buffer.
/// Every variant renders the same generated orders as JSON lines into a file; the files must be
/// byte-identical.
public struct StringBuilding: Scenario, ReportsFigures, SweepsInSuite {
    public let name = "string-building"
    public static let defaultCopyingCap = 2_000
    public let summary = "Render N generated orders as JSON lines into a file: one growing String written at the end (concat), the copy-per-step form `result = result + line` (copying-concat, capped at 2,000 orders by default, `--param copying-cap=N`, because each step copies everything so far), or a 64 KiB buffered writer (stream)"
    public let sizeUnit = "orders"
    public let defaultSize = 50_000
    public let quickSize = 5_000
    public let reportedPhases = ["build", "write", "release", "trim"]
    public let livePhase = "build"
    public let suiteSweepSizes = [10_000, 25_000, 50_000]
    public let quickSweepSizes = [2_000, 5_000]

    public let variants = [
        ScenarioVariant(name: "concat", summary: "result += line for every order into one String, then write it to the file",
                        phases: ["build", "write", "release", "trim"]),
        ScenarioVariant(name: "copying-concat", summary: "result = result + line (a new String per step, the old one freed), capped; then write it",
                        phases: ["build", "write", "release", "trim"]),
        ScenarioVariant(name: "stream", summary: "each line written through one 64 KiB buffer (BufferedFileWriter); the last flush is the write phase",
                        phases: ["build", "write", "release", "trim"]),
    ]

    public let figures = [
        ScenarioFigure(check: "orders", label: "Orders rendered", format: .count),
        ScenarioFigure(check: "bytesWritten", label: "Bytes written", format: .bytes),
        ScenarioFigure(check: "outputHash", label: "Output hash (FNV-1a)", format: .hash, mustAgree: true),
        ScenarioFigure(check: "prefixHash", label: "Hash of the first min(N, cap) lines", format: .hash, mustAgree: true),
    ]

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    final class Held {
        var text: String?
        var writer: BufferedFileWriter?
    }

    public func run(variant: String, context: RunContext) throws {
        let path = "\(context.scratchDirectory)/orders.jsonl"
        let cap = try context.intParameter("copying-cap", default: Self.defaultCopyingCap)
        guard cap > 0 else { throw ScenarioCheckFailed("copying-cap must be positive") }
        let orders = variant == "copying-concat" ? min(context.size, cap) : context.size
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

        // Outside the measured phases: prove the file holds every rendered order.
        let digest = try FileDigest.of(path: path, prefixLines: min(context.size, cap))
        guard digest.lines == orders, digest.bytes == bytesWritten else {
            throw ScenarioCheckFailed("\(path) has \(digest.lines) lines and \(digest.bytes) bytes; \(orders) orders and \(bytesWritten) bytes were written")
        }
        context.check("orders", orders)
        context.check("bytesWritten", bytesWritten)
        if orders == context.size { context.check("outputHash", digest.hash) }
        context.check("prefixHash", digest.prefixHash)
        if orders < context.size { context.check("copyingCap", cap) }
    }
}

extension Order {
    /// One JSON line, newline included. Fields never contain quotes or backslashes by
    /// construction, so nothing needs escaping.
    public var jsonLine: String {
        "{\"id\":\(id),\"customer\":\"\(customer)\",\"status\":\"\(status)\",\"total\":\(total),\"created_at\":\"\(createdAt)\",\"note\":\"\(note)\"}\n"
    }
}
