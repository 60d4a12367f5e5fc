#if canImport(Glibc)
import Glibc
#endif
import Foundation
import BenchModel
import Suite

/// What can be known about a command before running it (found with `ExecutableSearch`): whether
/// the dynamic loader, and so LD_PRELOAD, will ever see it.
public enum ExecutableInspection {
    /// True for an ELF executable without a program interpreter (statically linked: the
    /// dynamic loader never runs, so LD_PRELOAD cannot apply); false for a dynamic ELF; nil for
    /// anything else (a script runs under its interpreter, which is checked by its mapping).
    public static func isStaticELF(_ path: String) -> Bool? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 64), header.count == 64,
              header.prefix(4) == Data([0x7F, 0x45, 0x4C, 0x46]), header[4] == 2, header[5] == 1 else { return nil }
        func integer(_ data: Data, _ offset: Int, _ size: Int) -> Int {
            (0..<size).reduce(0) { $0 | Int(data[data.startIndex + offset + $1]) << (8 * $1) }
        }
        let programHeaders = integer(header, 0x20, 8), entrySize = integer(header, 0x36, 2), count = integer(header, 0x38, 2)
        guard entrySize >= 4, count > 0, count < 1000 else { return nil }
        guard (try? handle.seek(toOffset: UInt64(programHeaders))) != nil,
              let table = try? handle.read(upToCount: entrySize * count), table.count == entrySize * count else { return nil }
        let interpreter = 3  // PT_INTERP
        return !(0..<count).contains { integer(table, $0 * entrySize, 4) == interpreter }
    }

    /// True when running the file changes the user or group (the loader then ignores LD_PRELOAD
    /// unless the library is itself setuid and in a trusted folder).
    public static func isSetID(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & (S_ISUID | S_ISGID) != 0
    }
}
