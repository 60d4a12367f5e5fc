import Foundation

/// The record both scenarios work on: deterministic, so every variant sees the same data.
struct Order: Codable, Equatable {
    var id: Int
    var customer: String
    var totalCents: Int
    var items: [String]

    static func make(_ id: Int) -> Order {
        let mixed = UInt64(truncatingIfNeeded: id) &* 0x9E37_79B9_7F4A_7C15
        return Order(id: id, customer: "customer-\(mixed % 9_973)", totalCents: Int(mixed % 100_000),
                     items: (0..<Int(1 + mixed % 4)).map { "sku-\((mixed >> 8) % 5_000 + UInt64($0))" })
    }

    /// One line of the CSV export.
    var csvLine: String { "\(id),\(customer),\(totalCents),\(items.joined(separator: ";"))\n" }
}
