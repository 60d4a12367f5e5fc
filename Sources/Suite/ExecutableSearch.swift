#if canImport(Glibc)
import Glibc
#endif
import Foundation
import BenchModel

/// The one PATH lookup: a command found the way a shell finds it, for `bench exec`'s command,
/// the C compiler that builds bench's preloaded libraries, and `--sites`' jeprof and
/// swift-demangle.
public enum ExecutableSearch {
    public enum Resolution: Equatable, Sendable {
        case found(String)
        /// One line: why it cannot be run.
        case unusable(String)
    }

    /// Where PATH is unset.
    public static let defaultPath = "/usr/local/bin:/usr/bin:/bin"

    /// A name with a slash is a path (relative to the current folder); any other name is
    /// searched in `searchPath` (a PATH; an empty entry is the current folder).
    public static func resolve(_ command: String, searchPath: String?) -> Resolution {
        guard !command.isEmpty else { return .unusable("the command is empty") }
        if command.contains("/") { return check(command, as: command) }
        let folders = (searchPath ?? defaultPath).split(separator: ":", omittingEmptySubsequences: false)
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

    /// The executable `name` resolves to, or nil.
    public static func find(_ name: String, path: String?) -> String? {
        guard case .found(let found) = resolve(name, searchPath: path) else { return nil }
        return found
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
}
