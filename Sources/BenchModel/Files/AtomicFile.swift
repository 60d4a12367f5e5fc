#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Whole-file writes that a crash cannot leave half done: a temporary file in the same folder,
/// written, flushed to disk, then renamed over the target. Errors are one line with the
/// system's reason ("No space left on device", "Read-only file system").
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot write \(path)") }
        var ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        let error = failure("cannot write \(path)")
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            let reason = ok ? failure("cannot write \(path)") : error
            unlink(temporary)
            throw reason
        }
    }

    /// `mkdir -p`.
    public static func makeDirectories(_ path: String) throws {
        var built = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            built += "/\(component)"
            if mkdir(built, 0o755) != 0 && errno != EEXIST {
                throw failure("cannot create \(path)")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BenchError.io("cannot create \(path): a file of that name is in the way")
        }
    }

    static func failure(_ what: String) -> BenchError {
        BenchError.io("\(what): \(String(cString: strerror(errno)))")
    }
}
