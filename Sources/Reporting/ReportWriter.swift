import Foundation
import Harness

/// Writes a report folder's files atomically (temporary file + rename, so a crash mid-write
/// leaves the previous file whole) and points `latest` at the newest folder.
public enum ReportWriter {
    public static func write(_ report: Report, to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try writeAtomically(try encoder.encode(report), to: directory.appendingPathComponent("report.json"))
        try writeAtomically(Data(MarkdownReport.render(report).utf8), to: directory.appendingPathComponent("report.md"))
    }

    public static func writeAtomically(_ data: Data, to url: URL) throws {
        try AtomicFile.write(data, to: url.path)
    }

    /// `<reports>/latest` → `<run-id>`, replaced atomically.
    public static func pointLatest(in reports: URL, to runId: String) throws {
        let link = reports.appendingPathComponent("latest")
        let temporary = reports.appendingPathComponent(".latest-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        guard symlink(runId, temporary.path) == 0, rename(temporary.path, link.path) == 0 else {
            throw HarnessError.io("cannot point \(link.path) at \(runId): \(String(cString: strerror(errno)))")
        }
    }
}
