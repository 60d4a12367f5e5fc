import Foundation
import BenchModel

/// Decodes a report.json for `bench compare` and `bench merge`, refusing what it cannot read
/// faithfully: a missing or unreadable file, a file that is not a report, a `schemaVersion` that
/// is missing or newer than this bench knows, and version 1 (its findings and comparisons had no
/// fields; its run folder's results.jsonl re-renders it). Each refusal is one line.
public enum ReportLoader {
    struct VersionOnly: Decodable {
        var schemaVersion: Int?
        /// "merged" for `bench merge`'s report.json, absent in a suite's.
        var kind: String?
    }

    /// Decodes a report.json's bytes; `path` only names it in messages (the command reads it).
    public static func decode(_ data: Data, path: String) throws -> Report {
        let header: VersionOnly
        do {
            header = try JSONDecoder().decode(VersionOnly.self, from: data)
        } catch {
            throw BenchError.input("\(path) is not JSON (or not a JSON object)")
        }
        if header.kind == MergedReport.kindName {
            throw BenchError.input("\(path) is a merged report (bench merge): give one testbed's report.json instead")
        }
        let version = header.schemaVersion
        guard let version else { throw BenchError.input("\(path) has no schemaVersion: not a MemoryBench report.json") }
        try JSONSchemaVersion.require(version, atMost: Report.currentSchemaVersion, in: path, advice: "update bench")
        guard version >= Report.currentSchemaVersion else {
            let folder = (path as NSString).deletingLastPathComponent
            throw BenchError.input("\(path) is a report.json of schemaVersion \(version), which this bench no longer reads: re-render it with `bench report \(folder.isEmpty ? "." : folder)`")
        }
        do {
            return try JSONDecoder().decode(Report.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw BenchError.input("\(path) is not a MemoryBench report: missing \(describe(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw BenchError.input("\(path) is not a MemoryBench report: wrong type at \(describe(context.codingPath))")
        } catch {
            throw BenchError.input("\(path) is not a MemoryBench report")
        }
    }

    static func describe(_ path: [CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
