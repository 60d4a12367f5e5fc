#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `results.jsonl`: one `RunResult` per line, appended as each run ends, so an interrupted
/// suite keeps everything it finished.
public struct ResultsFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    static let encoder = JSONCoding.encoder(pretty: false)

    public func append(_ result: RunResult) throws {
        var line = try Self.encoder.encode(result)
        line.append(0x0A)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // One write of the whole line: O_APPEND keeps lines whole.
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw BenchError.io("cannot append to \(path): \(String(cString: strerror(errno)))") }
        fsync(fd)
    }

    public struct Loaded: Sendable {
        public var results: [RunResult]
        /// Lines that could not be read (a partial last line after a crash), with their number.
        public var warnings: [String]
    }

    public func load() throws -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError.input("cannot read \(path)")
        }
        var results: [RunResult] = []
        var warnings: [String] = []
        let decoder = JSONDecoder()
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: true).enumerated() {
            do {
                let result = try decoder.decode(RunResult.self, from: Data(line))
                try JSONSchemaVersion.require(result.schemaVersion, atMost: RunResult.currentSchemaVersion, in: "\(path) line \(number + 1)")
                results.append(result)
            } catch let error as BenchError {
                throw error
            } catch {
                warnings.append("\(path) line \(number + 1) is not a complete result and was skipped")
            }
        }
        return Loaded(results: results, warnings: warnings)
    }

    /// After a crash mid-line, the next append must start on a line of its own.
    public func endWithNewline() throws {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { return }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        guard size > 0 else { return }
        try handle.seek(toOffset: size - 1)
        if handle.readData(ofLength: 1) != Data([0x0A]) {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([0x0A]))
        }
    }
}
