import Foundation
import MemoryBenchWorker

/// Decoding a large JSON array: the whole file into one `Data` and every element into one array,
/// against reading it a block at a time and decoding 1,000 lines at once.
struct JSONDecoding: Scenario {
    let name = "json-decoding"
    let summary = "Sum the totals of N orders stored as a JSON array (one order per line): JSONDecoder on the whole file, or on 1,000 lines at a time read through a FileHandle"
    let sizeUnit = "orders"
    let defaultSize = 200_000
    let quickSize = 20_000
    static let linesPerChunk = 1_000

    let variants = [
        ScenarioVariant(name: "decode-all", summary: "Data(contentsOf:) of the whole file, then JSONDecoder().decode([Order].self, from:)",
                        phases: ["open", "decode", "release"]),
        ScenarioVariant(name: "decode-chunks", summary: "read 64 KiB blocks through a FileHandle; decode every 1,000 complete lines as one small array",
                        phases: ["open", "decode", "release"]),
    ]
    let comparisons = [VariantComparison(pitfall: "decode-all", fix: "decode-chunks")]

    static func path(size: Int, cacheDirectory: String) -> String { "\(cacheDirectory)/orders-\(size).json" }

    /// The input, written once per size before any measured run: `[`, one order per line, `]`.
    func prepare(size: Int, cacheDirectory: String) throws {
        let path = Self.path(size: size, cacheDirectory: cacheDirectory)
        guard !FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var text = Data("[\n".utf8)
        for id in 1...size {
            text.append(try encoder.encode(Order.make(id)))
            text.append(contentsOf: Array((id < size ? ",\n" : "\n").utf8))
        }
        text.append(contentsOf: Array("]\n".utf8))
        let partial = "\(path).partial-\(ProcessInfo.processInfo.processIdentifier)"
        try text.write(to: URL(fileURLWithPath: partial))
        try FileManager.default.moveItem(atPath: partial, toPath: path)
    }

    func run(variant: String, context: RunContext) throws {
        let path = Self.path(size: context.size, cacheDirectory: context.cacheDirectory)
        let held = Held()
        var count = 0
        var totalCents = 0
        try context.phase("open") {
            held.handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        }
        guard let handle = held.handle else { throw ScenarioCheckFailed("\(path) did not open") }
        let decoder = JSONDecoder()
        try context.phase("decode") {
            switch variant {
            case "decode-all":
                let data = try handle.readToEnd() ?? Data()
                let orders = try decoder.decode([Order].self, from: data)
                for order in orders { totalCents += order.totalCents }
                count = orders.count
                held.data = data
                held.orders = orders
            case "decode-chunks":
                var pending = Data()
                var lines: [Data] = []
                func decodeLines() throws {
                    guard !lines.isEmpty else { return }
                    var chunk = Data("[".utf8)
                    for (index, line) in lines.enumerated() {
                        if index > 0 { chunk.append(UInt8(ascii: ",")) }
                        chunk.append(line)
                    }
                    chunk.append(UInt8(ascii: "]"))
                    for order in try decoder.decode([Order].self, from: chunk) {
                        totalCents += order.totalCents
                        count += 1
                    }
                    lines.removeAll(keepingCapacity: true)
                }
                while let block = try handle.read(upToCount: 64 * 1024), !block.isEmpty {
                    pending.append(block)
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        var line = pending[pending.startIndex..<newline]
                        pending = pending[(newline + 1)...]
                        if line.last == UInt8(ascii: ",") { line = line.dropLast() }
                        if line.first == UInt8(ascii: "{") { lines.append(Data(line)) }
                        if lines.count == Self.linesPerChunk { try decodeLines() }
                    }
                    pending = Data(pending)
                }
                try decodeLines()
            default:
                throw ScenarioCheckFailed("unknown variant \(variant)")
            }
        }
        guard count == context.size else { throw ScenarioCheckFailed("decoded \(count) orders, not \(context.size)") }
        context.check("orders", count)
        context.check("totalCents", totalCents)
        try context.phase("release") {
            held.data = nil
            held.orders = nil
            try handle.close()
        }
    }
}
