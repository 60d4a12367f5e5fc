/// The document `/report` renders: a list of customer rows, the shape of many JSON APIs.
/// Its fields mirror the Python example's server.py, so both services do the same kind of work.
struct Report: Encodable, Sendable {
    struct Row: Encodable, Equatable, Sendable {
        let id: Int
        let name: String
        let tags: [String]
        let balance: Double
        let note: String
    }

    let rows: Int
    let items: [Row]
}

extension Report {
    /// `rows` rows of random size (1–5 tags, a note of 16–511 bytes), the same for the same seed.
    init(rows: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let firstID = Int(truncatingIfNeeded: seed &* 100_000)
        var items: [Row] = []
        items.reserveCapacity(rows)
        for index in 0..<rows {
            let tagCount = Int.random(in: 1...5, using: &random)
            items.append(
                Row(
                    id: firstID &+ index,
                    name: "customer-\(Int.random(in: 0..<1_000_000, using: &random))",
                    tags: (0..<tagCount).map { _ in "t\(Int.random(in: 0..<50, using: &random))" },
                    balance: Double.random(in: 0..<1000, using: &random),
                    note: String(repeating: "x", count: Int.random(in: 16..<512, using: &random))
                ))
        }
        self.init(rows: rows, items: items)
    }
}
