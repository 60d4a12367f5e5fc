import Foundation

/// Named baselines kept in a package, as package-benchmark keeps `.benchmarkBaselines/`:
/// `<package>/.memorybench/baselines/<NAME>/report.json`, one suite's report.json copied whole
/// (one testbed per baseline: it carries its testbed's fingerprint, and `bench baseline
/// compare|check` refuses another testbed as `bench compare` does).
public struct BaselineStore: Sendable {
    public static let folderPath = ".memorybench/baselines"

    /// `<package>/.memorybench/baselines`.
    public let url: URL

    public init(package: String) {
        url = URL(fileURLWithPath: package).standardizedFileURL.appendingPathComponent(Self.folderPath)
    }

    /// A baseline's name: 1 to 64 letters, digits, `-`, `_` or `.`, not starting with `.`.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && !name.hasPrefix(".")
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// The report.json a baseline keeps.
    public func report(_ name: String) -> URL {
        url.appendingPathComponent(name).appendingPathComponent(RunFolder.reportJSONFileName)
    }

    /// The names saved, sorted.
    public var names: [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return entries.filter { FileManager.default.fileExists(atPath: report($0).path) }.sorted()
    }

    /// Keeps `data` (a report.json already read and checked) as the baseline `name`, replacing
    /// any baseline of that name.
    public func save(_ data: Data, as name: String) throws {
        try AtomicFile.makeDirectories(report(name).deletingLastPathComponent().path)
        try AtomicFile.write(data, to: report(name).path)
    }

    /// "there are none", or the names saved, for a message about a missing baseline.
    public var savedDescription: String {
        names.isEmpty ? "none is saved in \(url.path)" : "saved: \(names.joined(separator: ", "))"
    }
}
