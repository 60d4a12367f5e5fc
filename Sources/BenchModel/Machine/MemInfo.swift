import MemoryProbe

/// `/proc/meminfo`, read once: the machine's memory figures in bytes.
public struct MemInfo: Sendable {
    let text: String

    public init(path: String = "/proc/meminfo") {
        text = readWholeFile(path) ?? ""
    }

    /// The value of `key` ("MemTotal", "SwapFree", …) in bytes, or nil when absent.
    public func bytes(_ key: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
    }
}
