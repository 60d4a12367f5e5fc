#if canImport(Glibc)
import Glibc
#endif

/// Searches in raw bytes with the C library (`memchr` and `memcmp`; glibc's `memmem` is not
/// exported without _GNU_SOURCE), so that reading `/proc/self/status` and
/// `malloc_info` at a phase boundary costs microseconds even in a debug build, and allocates
/// nothing.
enum ByteScan {
    /// The offset of the first `needle` at or after `from`, or nil.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard let base = bytes.baseAddress, from >= 0, from < bytes.count, !needle.isEmpty else { return nil }
        return needle.withUnsafeBufferPointer { n -> Int? in
            guard let first = n.baseAddress else { return nil }
            let length = n.count
            let leading = Int32(first.pointee)
            var offset = from
            while bytes.count - offset >= length {
                let rest = bytes.count - offset
                guard let hit = memchr(UnsafeRawPointer(base + offset), leading, rest) else { return nil }
                let candidate = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if bytes.count - candidate < length { return nil }
                if memcmp(UnsafeRawPointer(base + candidate), UnsafeRawPointer(first), length) == 0 { return candidate }
                offset = candidate + 1
            }
            return nil
        }
    }

    /// How many times `needle` occurs, and where the last one starts.
    static func occurrences(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> (count: Int, last: Int?) {
        var count = 0
        var last: Int?
        var from = 0
        while let at = find(needle, in: bytes, from: from) {
            count += 1
            last = at
            from = at + needle.count
        }
        return (count, last)
    }

    /// The unsigned decimal number at `index`, and the offset after it; nil when no digit is there.
    static func number(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: Int, end: Int)? {
        var i = index
        var value = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(bytes[i] - 0x30))
            if o1 || o2 { return nil }
            value = sum
            i += 1
        }
        return i > index ? (value, i) : nil
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}
