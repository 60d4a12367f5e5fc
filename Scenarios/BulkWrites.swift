import GRDB
import MemoryProbe

/// Seed 001: `create!` per row against `insert_all`, and a per-record `update` loop against
/// `update_all`, on a real SQLite table (GRDB). Every insert variant must leave the same table,
/// and every update variant the same updated table (content hashes are checked).
public struct BulkWrites: Scenario, ReportsFigures, SweepsInSuite {
    public let name = "bulk-writes"
    public static let batchSize = 1_000
    public static let updatedStatuses = ["pending", "paid"]
    public let summary = "Insert N generated orders into a new SQLite table one row and one transaction at a time, or in one transaction of 1,000-row INSERTs; then archive the pending and paid orders (~40 %) record by record, or with one UPDATE … WHERE. The database is in WAL mode with synchronous=NORMAL, so a commit does not wait for fsync (with synchronous=FULL every per-row commit would wait for the disk and dominate the time)"
    public let sizeUnit = "rows"
    public let defaultSize = 10_000
    /// 8,000 rather than 1,000: at 1,000 rows `update-set` lasts 20–50 ms in a debug build, and
    /// the recorder's own reads at its phase boundaries (0.1–0.2 ms each, `malloc_info` walking
    /// SQLite's freed chunks; about 0.6 ms a run) were over 1 % of the run; at 5,000 it was at
    /// 99.0 % (see PhaseCoverageTests).
    public let quickSize = 8_000
    public let reportedPhases = ["write", "release", "trim"]
    public let livePhase = "write"
    public let verificationPhases = ["verify"]
    public let suiteSweepSizes = [1_000, 3_000, 10_000]
    public let quickSweepSizes = [300, 1_000]

    public let variants = [
        ScenarioVariant(name: "insert-per-row", summary: "one INSERT and one transaction per row (create! in a loop)",
                        phases: ["open", "write", "release", "trim", "verify"]),
        ScenarioVariant(name: "insert-batched", summary: "one transaction of multi-row INSERTs, 1,000 rows each (insert_all)",
                        phases: ["open", "write", "release", "trim", "verify"]),
        ScenarioVariant(name: "update-per-record", summary: "fetch every matching order as a record, change it, save it in its own transaction",
                        phases: ["open", "write", "release", "trim", "verify"]),
        ScenarioVariant(name: "update-set", summary: "one UPDATE orders SET … WHERE status IN ('pending', 'paid') (update_all)",
                        phases: ["open", "write", "release", "trim", "verify"]),
    ]

    public let figures = [
        ScenarioFigure(check: "rowsWritten", label: "Rows written", format: .count),
        ScenarioFigure(check: "rowsPerSecond", label: "Rows per second", format: .perSecond),
        ScenarioFigure(check: "insertedTableHash", label: "Table hash after inserts", format: .hash, mustAgree: true),
        ScenarioFigure(check: "updatedTableHash", label: "Table hash after updates", format: .hash, mustAgree: true),
    ]

    public let comparisons = [
        VariantComparison(pitfall: "insert-per-row", fix: "insert-batched"),
        VariantComparison(pitfall: "update-per-record", fix: "update-set"),
    ]

    public init() {}

    /// The update variants start from the cached table of N orders (the insert variants build
    /// the same table themselves).
    public func prepare(size: Int, cacheDirectory: String) throws {
        try OrdersDatabase.ensure(size: size, cacheDirectory: cacheDirectory)
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    static func archived(_ order: Order) -> Order {
        var order = order
        order.status = "archived"
        order.note += " (archived)"
        return order
    }

    final class Held {
        var queue: DatabaseQueue?
        var records: [Order]?
    }

    public func run(variant: String, context: RunContext) throws {
        let path = "\(context.scratchDirectory)/bulk.sqlite"
        let isInsert = variant.hasPrefix("insert")
        guard self.variant(named: variant) != nil else { throw ScenarioCheckFailed("unknown variant \(variant)") }
        let held = Held()
        try context.phase("open") { held.queue = try Self.open(path, isInsert: isInsert, context: context) }
        guard let queue = held.queue else { throw ScenarioCheckFailed("database did not open") }
        let placeholders = Self.updatedStatuses.map { _ in "?" }.joined(separator: ", ")
        var rows = 0
        let start = monotonicSeconds()
        try context.phase("write") {
            rows = try Self.write(variant, size: context.size, into: queue, placeholders: placeholders, held: held)
        }
        let seconds = monotonicSeconds() - start
        try context.phase("release") {
            held.records = nil
            try held.queue?.close()
            held.queue = nil
        }
        try context.trimPhase()

        // Hash the whole table, in id order, from a connection of its own: a check of the
        // output, measured but left out of the run's peak.
        var hash = ContentHash()
        let count = try context.phase("verify") { try Self.verify(path, into: &hash) }

        guard count == context.size, !isInsert || rows == context.size else {
            throw ScenarioCheckFailed("the table holds \(count) rows after \(rows) were written; \(context.size) expected")
        }
        context.check("rowsWritten", rows)
        context.check("rowsPerSecond", seconds > 0 ? Int(Double(rows) / seconds) : 0, informational: true)
        context.check("tableRows", count)
        context.check(isInsert ? "insertedTableHash" : "updatedTableHash", hash.folded)
    }

    /// The `open` phase: an empty table to insert into, or a copy of the cached one to update.
    static func open(_ path: String, isInsert: Bool, context: RunContext) throws -> DatabaseQueue {
        if !isInsert {
            try FileSystem.copy(OrdersDatabase.path(size: context.size, cacheDirectory: context.cacheDirectory), to: path)
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration())
        if isInsert {
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE orders (
                        id INTEGER PRIMARY KEY, customer TEXT NOT NULL, status TEXT NOT NULL,
                        total REAL NOT NULL, created_at TEXT NOT NULL, note TEXT NOT NULL)
                    """)
            }
        }
        return queue
    }

    /// The `write` phase, the variant's way; the rows it wrote. `held` keeps the records an
    /// update per record fetched until `release`.
    static func write(_ variant: String, size: Int, into queue: DatabaseQueue, placeholders: String, held: Held) throws -> Int {
        var rows = 0
        switch variant {
        case "insert-per-row":
            for id in 1...Int64(size) {
                let order = Order.generate(id: id)
                try queue.write { db in try order.insert(db) }
                rows += 1
            }
        case "insert-batched":
            try queue.write { db in
                var next: Int64 = 1
                while next <= Int64(size) {
                    let last = min(Int64(size), next + Int64(batchSize) - 1)
                    var arguments: [(any DatabaseValueConvertible)?] = []
                    for id in next...last {
                        let o = Order.generate(id: id)
                        arguments += [o.id, o.customer, o.status, o.total, o.createdAt, o.note]
                    }
                    let values = Array(repeating: "(?, ?, ?, ?, ?, ?)", count: Int(last - next + 1)).joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO orders (id, customer, status, total, created_at, note) VALUES \(values)",
                                   arguments: StatementArguments(arguments))
                    rows += Int(last - next + 1)
                    next = last + 1
                }
            }
        case "update-per-record":
            held.records = try queue.read { db in
                try Order.fetchAll(db, sql: "SELECT * FROM orders WHERE status IN (\(placeholders)) ORDER BY id",
                                   arguments: StatementArguments(updatedStatuses))
            }
            for order in held.records ?? [] {
                let changed = archived(order)
                try queue.write { db in try changed.update(db) }
                rows += 1
            }
        default:
            try queue.write { db in
                try db.execute(sql: "UPDATE orders SET status = 'archived', note = note || ' (archived)' WHERE status IN (\(placeholders))",
                               arguments: StatementArguments(updatedStatuses))
                rows = db.changesCount
            }
        }
        return rows
    }

    /// The `verify` phase: every row hashed in id order; the row count.
    static func verify(_ path: String, into hash: inout ContentHash) throws -> Int {
        let queue = try DatabaseQueue(path: path, configuration: configuration())
        let count = try queue.read { db -> Int in
            let cursor = try Order.fetchCursor(db, sql: "SELECT * FROM orders ORDER BY id")
            var count = 0
            while let order = try cursor.next() {
                hash.add(order.csvLine)
                count += 1
            }
            return count
        }
        try queue.close()
        return count
    }
}
