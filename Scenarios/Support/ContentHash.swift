#if canImport(Glibc)
import Glibc
#endif

/// FNV-1a, 64 bits: a small, stable content hash so that variants can prove they produced the
/// same bytes (files, table contents). Folded to `Int` (same bits) for the run's checks.
public struct ContentHash: Sendable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325
    public private(set) var byteCount = 0

    public init() {}

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        value = hash
        byteCount += bytes.count
    }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    /// The hash as a check value.
    public var folded: Int { Int(bitPattern: UInt(value)) }
}

/// A file's hash, size and line count, and the hash of its first `prefixLines` lines (for a
/// variant that was capped to fewer records than the others).
public struct FileDigest: Sendable {
    public var hash: Int
    public var bytes: Int
    public var lines: Int
    public var prefixHash: Int

    public static func of(path: String, prefixLines: Int = Int.max) throws -> FileDigest {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ScenarioIOError("cannot open \(path)") }
        defer { close(fd) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        var whole = ContentHash()
        var prefix = ContentHash()
        var lines = 0
        while true {
            let n = read(fd, chunk.baseAddress, chunk.count)
            if n < 0 { throw ScenarioIOError("reading \(path) failed") }
            if n == 0 { break }
            let bytes = UnsafeRawBufferPointer(rebasing: chunk[0..<n])
            whole.add(bytes)
            if lines >= prefixLines {
                lines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                continue
            }
            // Hash up to the end of line `prefixLines`.
            var end = 0
            for (index, byte) in bytes.enumerated() where byte == 0x0A {
                lines += 1
                if lines == prefixLines { end = index + 1; break }
            }
            if lines >= prefixLines {
                prefix.add(UnsafeRawBufferPointer(rebasing: bytes[0..<end]))
                lines += bytes[end...].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            } else {
                prefix.add(bytes)
            }
        }
        return FileDigest(hash: whole.folded, bytes: whole.byteCount, lines: lines, prefixHash: prefix.folded)
    }
}
