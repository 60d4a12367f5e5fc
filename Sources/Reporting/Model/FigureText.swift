import Foundation
import BenchModel

/// Figures in words that more than one part of the report writes (tables, findings, exports).
enum FigureText {
    /// A check's 64 bits as 16 hex digits.
    static func hex(_ value: Int) -> String {
        let digits = String(UInt64(bitPattern: Int64(value)), radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    /// A count with thousands separators and a true minus sign: "16,013", "−2".
    static func count(_ value: Double) -> String {
        let rounded = Int(value.rounded())
        let digits = String(abs(rounded))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (rounded < 0 ? "−" : "") + grouped
    }

    /// A share as "12.5 %".
    static func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }
}
