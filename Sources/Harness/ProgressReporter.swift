#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// ProgressReporter lines on stderr: on by default when stderr is a terminal, or when asked.
public struct ProgressReporter: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public static func automatic(forced: Bool?, quiet: Bool) -> ProgressReporter {
        if quiet { return ProgressReporter(enabled: false) }
        return ProgressReporter(enabled: forced ?? (isatty(STDERR_FILENO) == 1))
    }

    public func say(_ line: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

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
