import Foundation

/// The `schemaVersion` of a JSON document, read before decoding the rest, so that a file from a
/// newer bench is refused by its version rather than by whatever field it renamed. Every file
/// MemoryBench reads back (suite.json, results.jsonl, report.json, calibration.json) goes
/// through `require`, so the refusal is worded the same everywhere.
public enum JSONSchemaVersion {
    public static func read(_ data: Data, path: String) throws -> Int {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw BenchError.input("\(path) is not JSON (truncated or overwritten?)")
        }
        guard let dictionary = object as? [String: Any], let version = dictionary["schemaVersion"] as? Int else {
            throw BenchError.input("\(path) has no schemaVersion: it is not a MemoryBench file")
        }
        return version
    }

    /// Refuses a version this bench did not write: newer (written by a later bench) or below 1.
    /// `advice` ends the sentence ("resume it with a newer bench", "update bench").
    public static func require(_ version: Int, atMost newest: Int, in what: String, advice: String = "use a newer bench") throws {
        guard version <= newest else {
            throw BenchError.input("\(what) has schemaVersion \(version); this bench reads up to \(newest): \(advice)")
        }
        guard version >= 1 else { throw BenchError.input("\(what) has schemaVersion \(version), which no bench wrote") }
    }

    /// Reads and checks in one step.
    @discardableResult
    public static func check(_ data: Data, path: String, atMost newest: Int, advice: String = "use a newer bench") throws -> Int {
        let version = try read(data, path: path)
        try require(version, atMost: newest, in: path, advice: advice)
        return version
    }

    /// A decoding error in a few words: which key is missing or wrong.
    public static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _): return "missing \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}
