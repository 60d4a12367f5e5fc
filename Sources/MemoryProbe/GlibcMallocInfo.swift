/// The parts of glibc's `malloc_info()` XML that MemoryBench uses.
///
/// `mallinfo2()` describes the main arena only; threaded programs spread over up to 8 × cores
/// arenas, so live and free bytes are taken from `malloc_info`, which lists every arena and
/// then totals for the whole process after the last `</heap>`.
public struct GlibcMallocInfo: Equatable, Sendable {
    public var arenas: Int
    public var fastFreeBytes: Int
    public var restFreeBytes: Int
    public var mmapBytes: Int
    public var systemCurrentBytes: Int

    public var freeBytes: Int { fastFreeBytes + restFreeBytes }
    /// In-use bytes: what the arenas hold from the system, less what sits free in their bins,
    /// plus chunks served directly by mmap.
    public var liveBytes: Int { max(0, systemCurrentBytes - freeBytes) + mmapBytes }

    public static func parse(_ xml: String) -> GlibcMallocInfo? {
        guard xml.contains("<malloc") else { return nil }
        let arenas = xml.ranges(of: "<heap nr=").count
        // Totals for the whole process follow the last per-arena block.
        let tail: Substring
        if let lastHeapEnd = xml.ranges(of: "</heap>").last {
            tail = xml[lastHeapEnd.upperBound...]
        } else {
            tail = xml[...]
        }
        guard let fast = attribute(in: tail, element: "<total type=\"fast\"", name: "size"),
              let rest = attribute(in: tail, element: "<total type=\"rest\"", name: "size"),
              let system = attribute(in: tail, element: "<system type=\"current\"", name: "size")
        else { return nil }
        let mmap = attribute(in: tail, element: "<total type=\"mmap\"", name: "size") ?? 0
        return GlibcMallocInfo(arenas: arenas, fastFreeBytes: fast, restFreeBytes: rest, mmapBytes: mmap,
                               systemCurrentBytes: system)
    }

    static func attribute(in text: Substring, element: String, name: String) -> Int? {
        guard let start = text.firstRange(of: element) else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.firstIndex(of: ">") else { return nil }
        let tag = rest[..<end]
        guard let attr = tag.firstRange(of: " \(name)=\"") else { return nil }
        let valueStart = tag[attr.upperBound...]
        guard let quote = valueStart.firstIndex(of: "\"") else { return nil }
        return Int(valueStart[..<quote])
    }
}

