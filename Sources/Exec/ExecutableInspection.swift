#if canImport(Glibc)
import Glibc
#endif
import Foundation
import BenchModel
import Suite

/// What can be known about a command before running it: where it is, whether it can run, and
/// whether the dynamic loader (and so LD_PRELOAD) will ever see it.
public enum ExecutableInspection {
    public enum Resolution: Equatable, Sendable {
        case found(String)
        /// One line: why it cannot be run.
        case unusable(String)
    }

    /// Finds `command` the way a shell does: a name with a slash is a path (relative to the
    /// current folder), any other name is searched in `searchPath` (the caller's PATH).
    public static func resolve(_ command: String, searchPath: String?) -> Resolution {
        guard !command.isEmpty else { return .unusable("the command is empty") }
        if command.contains("/") { return check(command, as: command) }
        let folders = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false)
        var notExecutable: String?
        for folder in folders {
            let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + command
            guard fileExists(candidate) else { continue }
            switch check(candidate, as: command) {
            case .found(let path): return .found(path)
            case .unusable(let why): notExecutable = notExecutable ?? why
            }
        }
        return .unusable(notExecutable ?? "command not found: \(command) (searched PATH)")
    }

    static func check(_ path: String, as name: String) -> Resolution {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .unusable("\(name): \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .unusable("\(name) is a directory, not a command") }
        guard access(path, X_OK) == 0 else { return .unusable("\(name) is not executable (no execute permission)") }
        return .found(path)
    }

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
