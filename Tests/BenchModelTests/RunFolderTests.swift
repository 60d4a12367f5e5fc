import XCTest
import Foundation
import MemoryProbe
@testable import BenchModel
import TestSupport

/// The run folder names its files and reads them back.
final class RunFolderTests: XCTestCase {
    var reports: URL!

    override func setUpWithError() throws {
        reports = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: reports) }

    func testTheFilesOfARunFolder() {
        let folder = RunFolder(URL(fileURLWithPath: "/r/2026-01-01T10-00-00Z"))
        XCTAssertEqual(folder.runId, "2026-01-01T10-00-00Z")
        XCTAssertEqual(folder.resultsURL.path, "/r/2026-01-01T10-00-00Z/results.jsonl")
        XCTAssertEqual([folder.reportJSON, folder.reportMarkdown, folder.details].map(\.lastPathComponent), ["report.json", "report.md", "details.md"])
        XCTAssertEqual(folder.file(RunFolder.environmentFileName).lastPathComponent, "environment.json")
        XCTAssertEqual(folder.sitesFolder(scenario: "s", variant: "v", size: 10).path, "/r/2026-01-01T10-00-00Z/sites/s-v-10")
        XCTAssertEqual(RunFolder.logPath("1-a-glibc-run1.log"), "logs/1-a-glibc-run1.log")
        XCTAssertEqual(CalibrationFigures.fileName, RunFolder.calibrationFileName, "the cache folder's calibration has the same name")
    }

    func testANewFolderIsNamedForItsTimeAndNeverReused() throws {
        let first = try RunFolder.make(in: reports)
        let second = try RunFolder.make(in: reports)
        XCTAssertNotEqual(first.runId, second.runId)
        try RunFolder.pointLatest(in: reports, to: second.runId)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: reports.appendingPathComponent("latest").path), second.runId)
    }

    func testBenchReportTakesAFolderOrItsResultsFile() throws {
        let folder = try RunFolder.make(in: reports)
        FileManager.default.createFile(atPath: folder.resultsURL.path, contents: Data())
        XCTAssertEqual(try RunFolder(resolving: folder.path).resultsURL.standardizedFileURL, folder.resultsURL.standardizedFileURL)
        let byFile = try RunFolder(resolving: folder.resultsURL.path)
        XCTAssertEqual(byFile.runId, folder.runId)
        XCTAssertThrowsError(try RunFolder(resolving: reports.appendingPathComponent("none").path)) { error in
            XCTAssertTrue("\(error)".hasSuffix("none does not exist"), "\(error)")
        }
    }

    func testWhatTheFolderRecordedIsReadBack() throws {
        let folder = try RunFolder.make(in: reports)
        XCTAssertNil(try folder.loadEnvironment())
        XCTAssertNil(try folder.loadSites())
        XCTAssertNil(folder.loadCalibration())
        XCTAssertNil(folder.recordedElapsedSeconds())
        let recorded = RecordedMachineFacts.unknown(runId: folder.runId, plannedRuns: 4, allocatorOrder: ["glibc"])
        try folder.write(recorded)
        XCTAssertEqual(try folder.loadEnvironment()?.plannedRuns, 4)
        try folder.write(sites: [CellSites(scenario: "s", variant: "v", size: 1, profiledUnder: "jemalloc-preload+sites", lgProfSample: 16)])
        XCTAssertEqual(try folder.loadSites()?.map(\.variant), ["v"])
        try Data(#"{"schemaVersion": 2, "elapsedSeconds": 12.5}"#.utf8).write(to: folder.reportJSON)
        XCTAssertEqual(folder.recordedElapsedSeconds(), 12.5)
        try Data("{not json".utf8).write(to: folder.file(RunFolder.environmentFileName))
        XCTAssertThrowsError(try folder.loadEnvironment()) { error in
            XCTAssertTrue("\(error)".hasSuffix("environment.json is not a readable environment record"), "\(error)")
        }
    }

    func testPlannedRunsCountSkippedCellsOnceAndAdaptiveRunsAsPlanned() {
        func run(_ repetition: Int, _ status: RunResult.Status = .ok) -> RunResult {
            .fixture(scenario: "s", variant: "v", allocator: "glibc", size: 1, repetition: repetition, status: status)
        }
        var recorded = RecordedMachineFacts.unknown(runId: "r", plannedRuns: 12, allocatorOrder: [])
        recorded.runsPerCell = 3
        // Three cells of 3 runs, a fourth skipped (recorded once): 10 results, 10 planned.
        let complete = (0..<9).map { run($0 % 3 + 1) } + [run(1, .skipped)]
        XCTAssertEqual(recorded.plannedRuns(given: complete), 10)
        XCTAssertEqual(recorded.plannedRuns(given: Array(complete.prefix(4))), 12, "a partial suite still plans every run")
        XCTAssertEqual(recorded.plannedRuns(given: complete + [run(4), run(5)]), 12, "adaptive repetitions count as planned")
        XCTAssertEqual(RecordedMachineFacts.unknown(runId: "r", plannedRuns: 2, allocatorOrder: []).plannedRuns(given: complete), 10,
                       "unknown runs per cell: what was made")
    }
}
