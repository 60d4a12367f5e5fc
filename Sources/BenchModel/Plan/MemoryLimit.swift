#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The memory cap of every run: resident memory (RSS) the runner watches from outside, with a
/// kernel data limit (RLIMIT_DATA) behind it.
public enum MemoryLimit {
    /// The smallest cap accepted: a worker's baseline (Swift runtime, Foundation, sampler buffers)
    /// is about 20 MiB, so anything smaller kills every run before its first phase.
    public static let minimumBytes = 64 << 20

    /// "2GiB", "512MiB", "1.5G", "800m", "1048576" → bytes. Units are powers of 1024 whatever the
    /// spelling (K, KB, KiB, M, MB, MiB, G, GB, GiB, T, TB, TiB; case-insensitive); nil when not a size.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let number = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        let kib = 1024.0, mib = kib * 1024, gib = mib * 1024, tib = gib * 1024
        let multipliers: [String: Double] = ["": 1, "b": 1, "k": kib, "kb": kib, "kib": kib, "m": mib, "mb": mib, "mib": mib,
                                             "g": gib, "gb": gib, "gib": gib, "t": tib, "tb": tib, "tib": tib]
        guard !number.isEmpty, let value = Double(number), value.isFinite, value > 0,
              let multiplier = multipliers[unit] else { return nil }
        let bytes = value * multiplier
        guard bytes < Double(Int.max / 2) else { return nil }
        return Int(bytes)
    }

    /// 2147483648 → "2 GiB", 536870912 → "512 MiB", 1610612736 → "1.5 GiB".
    public static func format(_ bytes: Int) -> String {
        for (unit, size) in [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size {
            let value = Double(bytes) / Double(size)
            return value == value.rounded() ? "\(Int(value)) \(unit)" : String(format: "%.1f %@", value, unit)
        }
        return "\(bytes) B"
    }

    /// The machine's memory (`MemTotal`) and what is available now (`MemAvailable`), in bytes.
    public static func machineMemory() -> (total: Int?, available: Int?) {
        let meminfo = MemInfo()
        return (meminfo.bytes("MemTotal"), meminfo.bytes("MemAvailable"))
    }

    /// The default cap: half of the machine's memory, but no more than three quarters of what is
    /// available when the suite starts, rounded down to 256 MiB (at least 1 GiB; 2 GiB when
    /// /proc/meminfo cannot be read).
    public static func defaultBytes(total: Int?, available: Int?) -> Int {
        guard let total else { return 2 << 30 }
        var cap = total / 2
        if let available { cap = min(cap, available / 4 * 3) }
        cap = cap / (256 << 20) * (256 << 20)
        return max(cap, 1 << 30)
    }

    /// RLIMIT_DATA for a given RSS cap. The data limit counts writable private mappings, resident
    /// or not: thread stacks (8 MiB each), glibc arenas' committed parts, jemalloc's retained
    /// extents. So it sits well above the cap: twice the cap plus 1 GiB. The RSS watch acts first;
    /// the kernel limit only catches a run that outgrows the watch between two samples.
    public static func dataLimitBytes(forCap cap: Int) -> Int {
        cap * 2 + (1 << 30)
    }
}
