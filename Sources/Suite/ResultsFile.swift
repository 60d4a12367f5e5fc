import Foundation
import BenchModel
import Reporting

/// `results.jsonl`: one `RunResult` per line, appended as each run ends, so an interrupted
/// suite keeps everything it finished.
public struct ResultsFile {
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

    public struct Loaded {
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
}
