/// The memory lines of `/proc/<pid>/status`, in bytes.
///
/// `VmRSS` and `VmHWM` are present for every user process; `RssAnon`, `RssFile` and `VmSwap`
/// appeared in later kernels and are optional so that an old or odd kernel still parses.
public struct ProcStatus: Codable, Sendable, Equatable {
    public var rssBytes: Int
    public var hwmBytes: Int
    public var rssAnonBytes: Int?
    public var rssFileBytes: Int?
    public var swapBytes: Int?

    public init(rssBytes: Int, hwmBytes: Int, rssAnonBytes: Int? = nil, rssFileBytes: Int? = nil, swapBytes: Int? = nil) {
        self.rssBytes = rssBytes
        self.hwmBytes = hwmBytes
        self.rssAnonBytes = rssAnonBytes
        self.rssFileBytes = rssFileBytes
        self.swapBytes = swapBytes
    }

    /// Parses the text of a status file. Returns nil when `VmRSS` or `VmHWM` is missing or
    /// malformed (a kernel thread, a zombie, a truncated read): a caller must not invent them.
    public static func parse(_ text: String) -> ProcStatus? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Parses the bytes of a status file in place, without allocating (the phase recorder reads
    /// the kept-open file's buffer at every phase boundary).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> ProcStatus? {
        guard let rss = kilobytes(of: Key.rss, in: bytes), let hwm = kilobytes(of: Key.hwm, in: bytes) else { return nil }
        return ProcStatus(rssBytes: rss, hwmBytes: hwm, rssAnonBytes: kilobytes(of: Key.anon, in: bytes),
                          rssFileBytes: kilobytes(of: Key.file, in: bytes), swapBytes: kilobytes(of: Key.swap, in: bytes))
    }

    /// The keys with their colon, each as it starts a line (after a newline) and at offset 0.
    enum Key {
        static let rss = Array("VmRSS:".utf8), hwm = Array("VmHWM:".utf8), anon = Array("RssAnon:".utf8)
        static let file = Array("RssFile:".utf8), swap = Array("VmSwap:".utf8)
    }

    /// The value of the line `key` ("VmRSS:\t  123456 kB" → 123456 × 1024). The kernel always
    /// writes kB; any other unit, a missing unit (a truncated read) or a non-number is nil.
    static func kilobytes(of key: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var start: Int?
        if bytes.count >= key.count, bytes.starts(with: key) {
            start = key.count
        } else if let at = ByteScan.find([0x0A] + key, in: bytes) {
            start = at + 1 + key.count
        }
        guard var i = start else { return nil }
        while i < bytes.count, ByteScan.isBlank(bytes[i]) { i += 1 }
        guard let (kib, end) = ByteScan.number(in: bytes, at: i) else { return nil }
        i = end
        guard i < bytes.count, ByteScan.isBlank(bytes[i]) else { return nil }
        while i < bytes.count, ByteScan.isBlank(bytes[i]) { i += 1 }
        guard i + 1 < bytes.count, bytes[i] == 0x6B, bytes[i + 1] == 0x42 else { return nil }  // "kB"
        i += 2
        while i < bytes.count, ByteScan.isBlank(bytes[i]) { i += 1 }
        guard i == bytes.count || bytes[i] == 0x0A else { return nil }
        return kib * 1024
    }
}
