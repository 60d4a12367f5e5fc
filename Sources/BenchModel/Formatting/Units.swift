import Foundation

/// Formats bytes as MiB with one decimal ("41.2 MiB"), signed when asked ("+41.2 MiB").
public func mebibytes(_ bytes: Double, signed: Bool = false) -> String {
    let value = bytes / 1_048_576
    guard signed else { return String(format: "%.1f MiB", value) }
    let rounded = String(format: "%.1f", abs(value))
    return (rounded == "0.0" ? "±" : value < 0 ? "−" : "+") + rounded + " MiB"
}

/// 200000 → "200,000".
public func grouped(_ value: Int) -> String {
    let digits = String(abs(value))
    var out = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(character)
    }
    return (value < 0 ? "-" : "") + out
}

/// 2 → "2 ms", 0.25 → "0.25 ms".
public func formatMs(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) ms" : String(format: "%.2f ms", value)
}
