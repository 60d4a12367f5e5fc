#if canImport(Glibc)
import Glibc
#endif

/// The few file operations scenarios need, without Foundation.
public enum FileSystem {
    public static var processID: Int32 { getpid() }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func remove(_ path: String) { unlink(path) }

    public static func rename(_ from: String, to: String) throws {
        if Glibc.rename(from, to) != 0 {
            throw ScenarioIOError("cannot rename \(from) to \(to): \(String(cString: strerror(errno)))")
        }
    }

    public static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw ScenarioIOError("cannot create folder \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }
}
