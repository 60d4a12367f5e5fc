#if canImport(Glibc)
import Glibc
#endif

/// Writes to a file through one fixed buffer (64 KiB by default): the streaming cure for
/// building a whole export in memory. Memory use stays at the buffer size whatever is written.
public final class BufferedFileWriter {
    let fd: Int32
    let buffer: UnsafeMutableRawBufferPointer
    var used = 0
    public private(set) var bytesWritten = 0
    public let path: String

    public init(path: String, bufferSize: Int = 64 * 1024) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ScenarioIOError("cannot create \(path): \(String(cString: strerror(errno)))") }
        self.path = path
        buffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
        Glibc.close(fd)
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0)) }
    }

    public func write(bytes: UnsafeRawBufferPointer) throws {
        if used + bytes.count > buffer.count { try flush() }
        if bytes.count > buffer.count {
            try writeAll(bytes)
            return
        }
        UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + bytes.count)]).copyMemory(from: bytes)
        used += bytes.count
    }

    public func flush() throws {
        guard used > 0 else { return }
        try writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<used]))
        used = 0
    }

    public func close() throws {
        try flush()
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ScenarioIOError("writing \(path) failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        bytesWritten += bytes.count
    }
}

public struct ScenarioIOError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Counts the lines of a file by reading it in chunks (used to check an export is complete).
public func countLines(inFile path: String) throws -> Int {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw ScenarioIOError("cannot open \(path)") }
    defer { close(fd) }
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { chunk.deallocate() }
    var lines = 0
    while true {
        let n = read(fd, chunk.baseAddress, chunk.count)
        if n < 0 { throw ScenarioIOError("reading \(path) failed") }
        if n == 0 { break }
        for byte in chunk[0..<n] where byte == 0x0A { lines += 1 }
    }
    return lines
}
