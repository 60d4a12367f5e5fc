import GRDB
import Statistics

/// The order record of the background articles' Rails exports, as a GRDB record.
public struct Order: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "orders"
    public var id: Int64
    public var customer: String
    public var status: String
    public var total: Double
    public var createdAt: String
    public var note: String

    enum CodingKeys: String, CodingKey {
        case id, customer, status, total
        case createdAt = "created_at"
        case note
    }

    /// One CSV line, newline included. Fields never contain commas or quotes by construction
    /// (see `generate`), so no quoting is needed; `csvHeader` names the columns.
    public var csvLine: String {
        "\(id),\(customer),\(status),\(total),\(createdAt),\(note)\n"
    }

    public static let csvHeader = "id,customer,status,total,created_at,note\n"

    static let statuses = ["pending", "paid", "shipped", "delivered", "refunded"]
    static let words = ["leave", "at", "door", "ring", "bell", "twice", "gift", "wrap", "fragile", "handle",
                        "with", "care", "call", "before", "delivery", "back", "entrance", "office", "hours", "only"]

    /// The order with this id, the same on every run (seeded by the id).
    public static func generate(id: Int64) -> Order {
        var random = SeededGenerator(seed: UInt64(id) &* 0x2545_F491_4F6C_DD1D)
        let customer = "customer-\(Int.random(in: 1...50_000, using: &random))"
        let status = statuses[Int.random(in: 0..<statuses.count, using: &random)]
        let cents = Int.random(in: 100...500_000, using: &random)
        let day = Int.random(in: 1...28, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let second = Int.random(in: 0..<86_400, using: &random)
        let createdAt = "2025-\(pad(month))-\(pad(day))T\(pad(second / 3600)):\(pad(second / 60 % 60)):\(pad(second % 60))Z"
        var note = "order \(id):"
        while note.utf8.count < 100 {
            note += " " + words[Int.random(in: 0..<words.count, using: &random)]
        }
        return Order(id: id, customer: customer, status: status, total: Double(cents) / 100,
                     createdAt: createdAt, note: note)
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// A cached SQLite database of `size` generated orders, created once per size.
public enum OrdersDatabase {
    public static let schemaVersion = 1

    public static func path(size: Int, cacheDirectory: String) -> String {
        "\(cacheDirectory)/orders-v\(schemaVersion)-\(size).sqlite"
    }

    /// Creates the file if it is missing: written under a temporary name and renamed, so an
    /// interrupted creation never leaves a half-filled database behind.
    public static func ensure(size: Int, cacheDirectory: String) throws {
        let target = path(size: size, cacheDirectory: cacheDirectory)
        if FileSystem.exists(target) { return }
        try FileSystem.makeDirectories(cacheDirectory)
        let temporary = "\(target).tmp-\(FileSystem.processID)"
        FileSystem.remove(temporary)
        do {
            let queue = try DatabaseQueue(path: temporary)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE orders (
                        id INTEGER PRIMARY KEY, customer TEXT NOT NULL, status TEXT NOT NULL,
                        total REAL NOT NULL, created_at TEXT NOT NULL, note TEXT NOT NULL)
                    """)
                let statement = try db.makeStatement(
                    sql: "INSERT INTO orders (id, customer, status, total, created_at, note) VALUES (?, ?, ?, ?, ?, ?)")
                for id in 1...Int64(size) {
                    let order = Order.generate(id: id)
                    try statement.execute(arguments: [order.id, order.customer, order.status, order.total,
                                                      order.createdAt, order.note])
                }
            }
            try queue.close()
            try FileSystem.rename(temporary, to: target)
        } catch {
            FileSystem.remove(temporary)
            throw error
        }
    }
}
