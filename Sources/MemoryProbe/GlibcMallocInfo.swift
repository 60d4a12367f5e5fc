/// The parts of glibc's `malloc_info()` XML that MemoryBench uses.
///
/// `mallinfo2()` sums every arena (checked: 8 threads keeping 10 MB each give `uordblks`
/// 80 MB with 9 heaps) but does not say how many there are; `malloc_info` lists every arena,
/// so the arena count comes from it, and the live and free bytes from its totals for the whole
/// process after the last `</heap>`, to keep both from one reading.
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
        var xml = xml
        return xml.withUTF8 { parse(bytes: $0) }
    }

    /// Parses the XML in place (searched with `memmem`: fast at a phase boundary even in a
    /// debug build).
    public static func parse(bytes xml: UnsafeBufferPointer<UInt8>) -> GlibcMallocInfo? {
        guard ByteScan.find(Needle.malloc, in: xml) != nil else { return nil }
        let heaps = ByteScan.occurrences(Needle.heap, in: xml).count
        // Totals for the whole process follow the last per-arena block.
        let tail = ByteScan.occurrences(Needle.heapEnd, in: xml).last.map { $0 + Needle.heapEnd.count } ?? 0
        guard let fast = attribute(in: xml, from: tail, element: Needle.fast),
              let rest = attribute(in: xml, from: tail, element: Needle.rest),
              let system = attribute(in: xml, from: tail, element: Needle.systemCurrent)
        else { return nil }
        let mmap = attribute(in: xml, from: tail, element: Needle.mmap) ?? 0
        return GlibcMallocInfo(arenas: heaps, fastFreeBytes: fast, restFreeBytes: rest, mmapBytes: mmap,
                               systemCurrentBytes: system)
    }

    enum Needle {
        static let malloc = Array("<malloc".utf8), heap = Array("<heap nr=".utf8), heapEnd = Array("</heap>".utf8)
        static let fast = Array("<total type=\"fast\"".utf8), rest = Array("<total type=\"rest\"".utf8)
        static let mmap = Array("<total type=\"mmap\"".utf8), systemCurrent = Array("<system type=\"current\"".utf8)
        static let size = Array(" size=\"".utf8)
    }

    /// The `size="N"` attribute of the first `element` tag at or after `from`.
    static func attribute(in xml: UnsafeBufferPointer<UInt8>, from: Int, element: [UInt8]) -> Int? {
        guard let start = ByteScan.find(element, in: xml, from: from) else { return nil }
        var end = start + element.count
        while end < xml.count, xml[end] != 0x3E { end += 1 }  // ">"
        guard let attribute = ByteScan.find(Needle.size, in: xml, from: start + element.count),
              attribute + Needle.size.count < end,
              let (value, after) = ByteScan.number(in: xml, at: attribute + Needle.size.count),
              after < xml.count, xml[after] == 0x22 else { return nil }  // closing quote
        return value
    }
}

