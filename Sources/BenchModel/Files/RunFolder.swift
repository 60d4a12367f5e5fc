#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A run folder, `Reports/<run-id>/`: the one place that names the files a suite writes there
/// and reads them back. A suite writes `suite.json` (its plan) and `environment.json` (the
/// machine) before the first run, appends every run to `results.jsonl`, copies the calibration
/// it ran with to `calibration.json`, keeps `sites.json` and `sites/` (`--sites`) and `logs/`
/// (`bench exec`), and ends with the report: `report.json`, `report.md`, `details.md` and the
/// charts. `Reports/latest` points at the newest folder.
public struct RunFolder: Sendable {
    public static let resultsFileName = "results.jsonl"
    public static let reportJSONFileName = "report.json"
    public static let reportMarkdownFileName = "report.md"
    public static let detailsFileName = "details.md"
    public static let environmentFileName = "environment.json"
    public static let suiteFileName = "suite.json"
    public static let calibrationFileName = "calibration.json"
    public static let sitesFileName = "sites.json"
    /// `--sites`' heap profiles, a folder per cell.
    public static let sitesFolderName = "sites"
    /// `bench exec`'s command output, a log per run.
    public static let logsFolderName = "logs"
    /// The link in the reports folder to the newest run folder.
    public static let latestLinkName = "latest"

    public let url: URL
    /// `results.jsonl`, or the results file `bench report` was given in its stead.
    public let resultsURL: URL

    public init(_ url: URL, resultsURL: URL? = nil) {
        self.url = url
        self.resultsURL = resultsURL ?? url.appendingPathComponent(Self.resultsFileName)
    }

    /// `bench report`'s argument: a run folder, or its results file.
    public init(resolving path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BenchError.input("\(path) does not exist")
        }
        let given = URL(fileURLWithPath: path)
        self = isDirectory.boolValue ? RunFolder(given) : RunFolder(given.deletingLastPathComponent(), resultsURL: given)
    }

    public var path: String { url.path }
    /// The folder's name, which is the run's id.
    public var runId: String { url.standardizedFileURL.lastPathComponent }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    public var results: ResultsFile { ResultsFile(path: resultsURL.path) }
    public var reportJSON: URL { file(Self.reportJSONFileName) }
    public var reportMarkdown: URL { file(Self.reportMarkdownFileName) }
    public var details: URL { file(Self.detailsFileName) }

    /// The folder `--sites` keeps one cell's heap profiles in.
    public func sitesFolder(scenario: String, variant: String, size: Int) -> URL {
        file("\(Self.sitesFolderName)/\(scenario)-\(variant)-\(size)")
    }

    /// A log's path relative to the folder (as the results record it): `logs/NAME`.
    public static func logPath(_ name: String) -> String { "\(logsFolderName)/\(name)" }
}

extension RunFolder {
    /// A new run folder in `reports`, named for the time (UTC) it starts; two suites started in
    /// the same second get different folders.
    public static func make(in reports: URL) throws -> RunFolder {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss'Z'"
        let stamp = formatter.string(from: Date())
        try AtomicFile.makeDirectories(reports.path)
        for attempt in 1...100 {
            let runId = attempt == 1 ? stamp : "\(stamp)-\(attempt)"
            let directory = reports.appendingPathComponent(runId)
            // mkdir fails if it exists: that name is taken.
            if mkdir(directory.path, 0o755) == 0 { return RunFolder(directory) }
            if errno != EEXIST {
                throw BenchError.io("cannot create \(directory.path): \(String(cString: strerror(errno)))")
            }
        }
        throw BenchError.io("cannot find a free run folder name under \(reports.path)")
    }

    /// `<reports>/latest` → `<run-id>`, replaced atomically.
    public static func pointLatest(in reports: URL, to runId: String) throws {
        let link = reports.appendingPathComponent(latestLinkName)
        let temporary = reports.appendingPathComponent(".\(latestLinkName)-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        guard symlink(runId, temporary.path) == 0, rename(temporary.path, link.path) == 0 else {
            throw BenchError.io("cannot point \(link.path) at \(runId): \(String(cString: strerror(errno)))")
        }
    }
}

extension RunFolder {
    /// The machine as the suite recorded it, or nil when the folder has no record.
    public func loadEnvironment() throws -> RecordedMachineFacts? {
        let url = file(Self.environmentFileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let recorded: RecordedMachineFacts
        do {
            recorded = try JSONDecoder().decode(RecordedMachineFacts.self, from: data)
        } catch {
            throw BenchError.input("\(url.path) is not a readable environment record")
        }
        try JSONSchemaVersion.require(recorded.schemaVersion, atMost: RecordedMachineFacts.currentSchemaVersion, in: url.path)
        return recorded
    }

    public func write(_ environment: RecordedMachineFacts) throws {
        try AtomicFile.write(try JSONCoding.encoder(pretty: true).encode(environment), to: file(Self.environmentFileName).path)
    }

    /// The calibration the suite ran with (a copy of the cache folder's), or nil.
    public func loadCalibration() -> CalibrationFigures? { CalibrationFigures.load(fromDirectory: path) }

    public func save(_ calibration: CalibrationFigures) throws { try calibration.save(toDirectory: path) }

    /// The sites `--sites` found, nil when the suite ran without it.
    public func loadSites() throws -> [CellSites]? {
        let url = file(Self.sitesFileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do { return try JSONDecoder().decode([CellSites].self, from: Data(contentsOf: url)) }
        catch { throw BenchError.input("\(url.path) is not a sites file MemoryBench can read: \(error)") }
    }

    public func write(sites: [CellSites]) throws {
        try AtomicFile.write(try JSONCoding.encoder(pretty: true).encode(sites), to: file(Self.sitesFileName).path)
    }

    /// How long the suite took, as its report said (results.jsonl does not record it): nil
    /// without a readable report.json.
    public func recordedElapsedSeconds() -> Double? {
        struct Elapsed: Decodable { var elapsedSeconds: Double? }
        guard let data = FileManager.default.contents(atPath: reportJSON.path) else { return nil }
        return (try? JSONDecoder().decode(Elapsed.self, from: data))?.elapsedSeconds
    }
}
