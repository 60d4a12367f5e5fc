import Foundation

/// `results.jsonl`: one `RunResult` per line, appended as each run ends, so an interrupted
/// suite keeps everything it finished.
public struct ResultsFile {
    public let path: String

    public init(path: String) { self.path = path }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public func append(_ result: RunResult) throws {
        var line = try Self.encoder.encode(result)
        line.append(0x0A)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HarnessError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // One write of the whole line: O_APPEND keeps lines whole.
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw HarnessError.io("cannot append to \(path): \(String(cString: strerror(errno)))") }
        fsync(fd)
    }

    public struct Loaded {
        public var results: [RunResult]
        /// Lines that could not be read (a partial last line after a crash), with their number.
        public var warnings: [String]
    }

    public func load() throws -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HarnessError.input("cannot read \(path)")
        }
        var results: [RunResult] = []
        var warnings: [String] = []
        let decoder = JSONDecoder()
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: true).enumerated() {
            do {
                let result = try decoder.decode(RunResult.self, from: Data(line))
                guard result.schemaVersion <= RunResult.currentSchemaVersion else {
                    throw HarnessError.input("\(path) line \(number + 1) has schemaVersion \(result.schemaVersion); this bench reads up to \(RunResult.currentSchemaVersion)")
                }
                results.append(result)
            } catch let error as HarnessError {
                throw error
            } catch {
                warnings.append("\(path) line \(number + 1) is not a complete result and was skipped")
            }
        }
        return Loaded(results: results, warnings: warnings)
    }
}

public enum HarnessError: Error, CustomStringConvertible {
    case io(String)
    case input(String)

    public var description: String {
        switch self {
        case .io(let message), .input(let message): return message
        }
    }
}
