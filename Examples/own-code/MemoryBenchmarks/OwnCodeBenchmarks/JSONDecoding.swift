import Foundation
import MemoryBenchWorker

/// Decoding a large JSON array: the whole file into one `Data` and every element into one array,
/// against reading it a block at a time and decoding 1,000 lines at once.
enum JSONDecoding {
    static let linesPerChunk = 1_000

    static let benchmark = MemoryBenchmark(
        "json-decoding", size: 200_000, quickSize: 20_000, unit: "orders",
        summary: "Sum the totals of N orders stored as a JSON array (one order per line): JSONDecoder on the whole file, or on 1,000 lines at a time read through a FileHandle",
        phases: ["open", "decode"], comparisons: [.fix(pitfall: "decode-all", fix: "decode-chunks")],
        prepare: writeInput
    ) {
        Variant("decode-all", summary: "Data(contentsOf:) of the whole file, then JSONDecoder().decode([Order].self, from:)") { run in
            let handle = try run.phase("open") { try FileHandle(forReadingFrom: input(run)) }
            // The file's bytes and every order stay alive until release (kept by the run).
            let (_, orders, totalCents) = try run.phase("decode") {
                let data = try handle.readToEnd() ?? Data()
                let orders = try JSONDecoder().decode([Order].self, from: data)
                return (data, orders, orders.reduce(0) { $0 + $1.totalCents })
            }
            try record(count: orders.count, totalCents: totalCents, run)
        }
        Variant("decode-chunks", summary: "read 64 KiB blocks through a FileHandle; decode every 1,000 complete lines as one small array") { run in
            let handle = try run.phase("open") { try FileHandle(forReadingFrom: input(run)) }
            let (count, totalCents) = try run.phase("decode") { try decodeInChunks(handle) }
            try record(count: count, totalCents: totalCents, run)
        }
    }

    static func input(_ run: BenchmarkRun) -> URL { URL(fileURLWithPath: path(size: run.size, cacheDirectory: run.cacheDirectory)) }
    static func path(size: Int, cacheDirectory: String) -> String { "\(cacheDirectory)/orders-\(size).json" }

    static func record(count: Int, totalCents: Int, _ run: BenchmarkRun) throws {
        guard count == run.size else { throw ScenarioCheckFailed("decoded \(count) orders, not \(run.size)") }
        run.check("orders", count)
        run.check("totalCents", totalCents)
    }

    /// The input, written once per size before any measured run: `[`, one order per line, `]`.
    @Sendable static func writeInput(size: Int, cacheDirectory: String) throws {
        let path = path(size: size, cacheDirectory: cacheDirectory)
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

    /// Reads 64 KiB blocks and decodes every `linesPerChunk` complete lines as one small array:
    /// (orders, their total).
    static func decodeInChunks(_ handle: FileHandle) throws -> (Int, Int) {
        let decoder = JSONDecoder()
        var count = 0, totalCents = 0
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
                if lines.count == linesPerChunk { try decodeLines() }
            }
            pending = Data(pending)
        }
        try decodeLines()
        return (count, totalCents)
    }
}
