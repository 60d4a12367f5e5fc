import GRDB
import MemoryProbe

/// Seeds 000 and 001: `Order.all.to_a` then export, against `find_each` (keyset batches) and a
/// streaming cursor, each writing the same CSV of every order in a real SQLite database.
public struct LoadAllVsBatched: Scenario {
    public let name = "load-all-vs-batched"
    public let summary = "Export every order of a SQLite table to CSV: load all rows into memory, or iterate in batches, or stream a cursor"
    public let sizeUnit = "rows"
    public let defaultSize = 100_000
    public let quickSize = 20_000
    public static let batchSize = 1_000
    public let reportedPhases = ["export", "release", "trim"]
    public let livePhase = "export"
    public let verificationPhases = ["verify"]

    public let variants = [
        ScenarioVariant(name: "load-all", summary: "fetch every row into model objects (Order.all.to_a), then write the CSV",
                        phases: ["open", "load", "export", "release", "trim", "verify"]),
        ScenarioVariant(name: "batched", summary: "keyset pagination, 1,000 rows a query (find_each): WHERE id > ? ORDER BY id LIMIT 1000",
                        phases: ["open", "export", "release", "trim", "verify"]),
        ScenarioVariant(name: "cursor", summary: "one query, rows decoded one at a time from a streaming cursor",
                        phases: ["open", "export", "release", "trim", "verify"]),
    ]

    /// Both ways of iterating cure loading every row at once.
    public let comparisons = [
        VariantComparison(pitfall: "load-all", fix: "batched"),
        VariantComparison(pitfall: "load-all", fix: "cursor"),
    ]

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {
        try OrdersDatabase.ensure(size: size, cacheDirectory: cacheDirectory)
    }

    /// Holds what a variant keeps alive, so that `release` is where it is dropped (Swift may
    /// otherwise free an array right after its last use, inside `export`).
    final class Held {
        var queue: DatabaseQueue?
        var orders: [Order]?
    }

    public func run(variant: String, context: RunContext) throws {
        let databasePath = OrdersDatabase.path(size: context.size, cacheDirectory: context.cacheDirectory)
        let csvPath = "\(context.scratchDirectory)/orders.csv"
        let held = Held()
        var rows = 0

        try context.phase("open") {
            var configuration = Configuration()
            configuration.readonly = true
            held.queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        }
        guard let queue = held.queue else { throw ScenarioCheckFailed("database did not open") }

        switch variant {
        case "load-all":
            try context.phase("load") {
                held.orders = try queue.read { db in try Order.fetchAll(db, sql: "SELECT * FROM orders ORDER BY id") }
            }
            try context.phase("export") {
                let writer = try BufferedFileWriter(path: csvPath)
                try writer.write(Order.csvHeader)
                for order in held.orders ?? [] {
                    try writer.write(order.csvLine)
                    rows += 1
                }
                try writer.close()
            }
        case "batched":
            try context.phase("export") { rows = try Self.exportInBatches(from: queue, to: csvPath) }
        case "cursor":
            try context.phase("export") { rows = try Self.exportWithCursor(from: queue, to: csvPath) }
        default:
            throw ScenarioCheckFailed("unknown variant \(variant)")
        }

        try context.phase("release") {
            held.orders = nil
            try held.queue?.close()
            held.queue = nil
        }
        try context.trimPhase()

        // Prove the export is complete: the table's row count against the CSV's lines.
        let (expected, lines) = try context.phase("verify") { try Self.verify(databasePath, against: csvPath) }
        guard rows == context.size, expected == context.size, lines == context.size + 1 else {
            throw ScenarioCheckFailed(
                "incomplete CSV: \(rows) rows written, \(lines - 1) rows in \(csvPath), \(expected) in the table, \(context.size) expected")
        }
        context.check("rowsExported", rows)
        context.check("csvLines", lines)
    }

    /// `batched`'s export: a page of `batchSize` rows at a time, after the last id seen.
    static func exportInBatches(from queue: DatabaseQueue, to csvPath: String) throws -> Int {
        let writer = try BufferedFileWriter(path: csvPath)
        try writer.write(Order.csvHeader)
        var rows = 0
        var lastID: Int64 = 0
        while true {
            let batch = try queue.read { db in
                try Order.fetchAll(db, sql: "SELECT * FROM orders WHERE id > ? ORDER BY id LIMIT ?",
                                   arguments: [lastID, batchSize])
            }
            guard let last = batch.last else { break }
            for order in batch { try writer.write(order.csvLine) }
            rows += batch.count
            lastID = last.id
        }
        try writer.close()
        return rows
    }

    /// `cursor`'s export: one row at a time from SQLite's cursor.
    static func exportWithCursor(from queue: DatabaseQueue, to csvPath: String) throws -> Int {
        let writer = try BufferedFileWriter(path: csvPath)
        try writer.write(Order.csvHeader)
        var rows = 0
        try queue.read { db in
            let cursor = try Order.fetchCursor(db, sql: "SELECT * FROM orders ORDER BY id")
            while let order = try cursor.next() {
                try writer.write(order.csvLine)
                rows += 1
            }
        }
        try writer.close()
        return rows
    }

    /// The `verify` phase: the table's row count and the CSV's lines.
    static func verify(_ databasePath: String, against csvPath: String) throws -> (rows: Int, lines: Int) {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        let expected = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders") } ?? -1
        try queue.close()
        return (expected, try countLines(inFile: csvPath))
    }
}
