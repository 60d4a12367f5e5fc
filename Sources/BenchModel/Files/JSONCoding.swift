import Foundation

/// The one JSON set-up every file MemoryBench writes uses: sorted keys (stable diffs), slashes
/// unescaped (paths stay readable), pretty-printed for files people open, compact for lines.
public enum JSONCoding {
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder { JSONDecoder() }
}
