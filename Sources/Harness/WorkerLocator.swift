#if canImport(Glibc)
import Glibc
#endif

/// Where the worker executables are: beside the running `bench` (or test) executable, as
/// SwiftPM builds them into one folder.
public enum WorkerLocator {
    public static func defaultDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return "." }
        let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
