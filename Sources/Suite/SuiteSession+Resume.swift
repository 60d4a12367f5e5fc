import Foundation
import BenchModel
import Reporting

extension SuiteSession {
    /// What a resumed suite starts from: the runs already in results.jsonl, the time the earlier
    /// part took, and the warnings (damaged lines) the user must see.
    struct Resumed {
        var results: [RunResult] = []
        var elapsedSeconds: Double = 0
        var warnings: [String] = []
    }

    /// A warning per worker binary whose contents differ from when the suite started (the runs
    /// of the two builds end up in one report).
    func workerChanges(since recorded: [WorkerBinaryFacts]?) -> [String] {
        guard executor == nil, let recorded else { return [] }
        return recorded.compactMap { old in
            let now = SHA256.hex(ofFile: old.path)
            guard let was = old.sha256, now != was else { return nil }
            return "\(old.path) changed since the suite started (sha256 \(was.prefix(12))… then, \(now.map { "\($0.prefix(12))…" } ?? "unreadable") now): its new runs come from another build"
        }
    }

    /// Checks a run folder against the plan and returns the runs it already holds. Every way the
    /// folder can be wrong is one line: `BenchError.input` (exit 65).
    func loadForResume(_ plan: RunPlan, directory: URL) throws -> Resumed {
        var resumed = Resumed()
        let resultsPath = directory.appendingPathComponent("results.jsonl").path
        if FileManager.default.fileExists(atPath: resultsPath) {
            let file = ResultsFile(path: resultsPath)
            let loaded = try file.load()
            resumed.warnings = loaded.warnings
            if loaded.results.isEmpty && !loaded.warnings.isEmpty {
                throw BenchError.input("\(resultsPath) is not a MemoryBench results file: none of its \(loaded.warnings.count) line(s) is a result")
            }
            let planned = Dictionary(plan.entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            let plannedCells = Dictionary(plan.entries.map { ($0.cell, $0) }, uniquingKeysWith: { first, _ in first })
            for (number, result) in loaded.results.enumerated() {
                // Repetitions past the plan's are adaptive runs of a planned cell.
                guard let entry = planned[result.key] ?? plannedCells[result.cell] else {
                    throw BenchError.input("\(resultsPath) holds a run the suite did not plan (\(result.key)): it belongs to another suite")
                }
                guard entry.allocator == result.configuration else {
                    throw BenchError.input("\(resultsPath) result \(number + 1) measured \(result.allocator) with another configuration than suite.json plans: start a new suite")
                }
            }
            resumed.results = loaded.results
            try file.endWithNewline()
        }
        let reportURL = directory.appendingPathComponent("report.json")
        if let data = FileManager.default.contents(atPath: reportURL.path) {
            // The report is rewritten from results.jsonl; a damaged one is only a warning, but one
            // from a newer bench must not be overwritten by an older one.
            let version: Int?
            do {
                version = try JSONSchemaVersion.read(data, path: reportURL.path)
            } catch let error as BenchError {
                resumed.warnings.append("\(error.description); it is rewritten from results.jsonl")
                version = nil
            }
            if let version {
                try JSONSchemaVersion.require(version, atMost: Report.currentSchemaVersion, in: reportURL.path, advice: "resume it with a newer bench")
                if let previous = try? JSONDecoder().decode(Report.self, from: data) {
                    resumed.elapsedSeconds = previous.elapsedSeconds ?? 0
                }
            }
        }
        return resumed
    }
}

extension ResultsFile {
    /// After a crash mid-line, the next append must start on a line of its own.
    func endWithNewline() throws {
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
