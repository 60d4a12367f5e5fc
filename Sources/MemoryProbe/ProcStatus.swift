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
        var fields: [Substring: Int] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[line.startIndex..<colon]
            guard Self.wanted.contains(key) else { continue }
            if let bytes = parseKilobytes(line[line.index(after: colon)...]) { fields[key] = bytes }
        }
        guard let rss = fields["VmRSS"], let hwm = fields["VmHWM"] else { return nil }
        return ProcStatus(rssBytes: rss, hwmBytes: hwm, rssAnonBytes: fields["RssAnon"],
                          rssFileBytes: fields["RssFile"], swapBytes: fields["VmSwap"])
    }

    private static let wanted: Set<Substring> = ["VmRSS", "VmHWM", "RssAnon", "RssFile", "VmSwap"]

    /// "\t  123456 kB" → 123456 × 1024. The kernel always writes kB; any other unit is rejected
    /// rather than guessed.
    static func parseKilobytes(_ value: Substring) -> Int? {
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, parts[1] == "kB", let kib = Int(parts[0]), kib >= 0 else { return nil }
        return kib * 1024
    }
}
