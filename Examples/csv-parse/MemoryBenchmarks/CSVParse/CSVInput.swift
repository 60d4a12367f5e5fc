import Foundation
import MemoryBenchWorker

/// The file both variants parse: a header and `size` generated order rows, written once per size
/// under the cache folder before any measured run.
enum CSVInput {
    static let header = "id,customer,amountCents,note"
    static let amountColumn = 2

    static func path(size: Int, cacheDirectory: String) -> String { "\(cacheDirectory)/orders-\(size).csv" }
    static func url(_ run: BenchmarkRun) -> URL { URL(fileURLWithPath: path(size: run.size, cacheDirectory: run.cacheDirectory)) }

    static func stream(_ run: BenchmarkRun) throws -> InputStream {
        guard let stream = InputStream(url: url(run)) else { throw ScenarioCheckFailed("cannot open \(url(run).path)") }
        return stream
    }

    /// The amount column of a row, in cents; 0 for a row without one (the variants' checks then
    /// disagree unless both libraries read the row the same way).
    static func cents(_ row: [String]) -> Int { row.count > amountColumn ? Int(row[amountColumn]) ?? 0 : 0 }

    /// Deterministic rows (so every variant and every run sees the same file); some notes are
    /// quoted and hold a comma, as real exports do.
    @Sendable static func write(size: Int, cacheDirectory: String) throws {
        let path = path(size: size, cacheDirectory: cacheDirectory)
        guard !FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        var text = header + "\n"
        text.reserveCapacity(size * 48)
        for id in 1...size {
            let mixed = UInt64(truncatingIfNeeded: id) &* 0x9E37_79B9_7F4A_7C15
            let note = mixed % 7 == 0 ? "\"gift, wrapped\"" : "sku-\((mixed >> 8) % 5_000)"
            text += "\(id),customer-\(mixed % 9_973),\(mixed % 100_000),\(note)\n"
        }
        let partial = "\(path).partial-\(ProcessInfo.processInfo.processIdentifier)"
        try text.write(toFile: partial, atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
    }
}
