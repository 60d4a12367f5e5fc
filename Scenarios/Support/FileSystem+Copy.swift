#if canImport(Glibc)
import Glibc
#endif

extension FileSystem {
    /// Copies a file through a 64 KiB buffer (a cached input into a run's scratch folder).
    public static func copy(_ from: String, to: String) throws {
        let input = open(from, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw ScenarioIOError("cannot open \(from): \(String(cString: strerror(errno)))") }
        defer { close(input) }
        let writer = try BufferedFileWriter(path: to)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let n = read(input, chunk.baseAddress, chunk.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw ScenarioIOError("reading \(from) failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            try writer.write(bytes: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
        try writer.close()
    }
}
