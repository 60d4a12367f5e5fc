import Foundation
import MemoryBenchWorker

/// Writing an export: every line appended to one growing `Data` written at the end, against
/// writing 64 KiB at a time through a `FileHandle`.
enum DataWriting {
    static let bufferBytes = 64 * 1024

    static let benchmark = MemoryBenchmark(
        "data-writing", size: 500_000, quickSize: 50_000, unit: "orders",
        summary: "Export N orders as CSV lines to a file: append every line to one Data and write it at the end, or write through a FileHandle 64 KiB at a time",
        phases: ["open", "write"], comparisons: [.fix(pitfall: "accumulate-data", fix: "filehandle")],
        verify: verifyFile
    ) {
        Variant("accumulate-data", summary: "var data = Data(); data.append(line) per order; data.write(to:) at the end") { run in
            let handle = try run.phase("open") { try create(output(run)) }
            // The whole export stays alive until release (kept by the run), as it would be held.
            let data = try run.phase("write") {
                var data = Data()
                for id in 1...run.size { data.append(contentsOf: Array(Order.make(id).csvLine.utf8)) }
                try handle.write(contentsOf: data)
                return data
            }
            run.check("bytesWritten", data.count)
        }
        Variant("filehandle", summary: "FileHandle(forWritingTo:); a 64 KiB Data buffer written and emptied whenever it is full") { run in
            let handle = try run.phase("open") { try create(output(run)) }
            let bytes = try run.phase("write") {
                var buffer = Data(capacity: bufferBytes)
                var bytes = 0
                for id in 1...run.size {
                    buffer.append(contentsOf: Array(Order.make(id).csvLine.utf8))
                    if buffer.count >= bufferBytes {
                        try handle.write(contentsOf: buffer)
                        bytes += buffer.count
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                try handle.write(contentsOf: buffer)
                return bytes + buffer.count
            }
            run.check("bytesWritten", bytes)
        }
    }

    static func output(_ run: BenchmarkRun) -> URL { URL(fileURLWithPath: "\(run.scratchDirectory)/orders.csv") }

    /// An empty file at `url`, open for writing (closed when the run drops it, in release).
    static func create(_ url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ScenarioCheckFailed("cannot create \(url.path)")
        }
        return try FileHandle(forWritingTo: url)
    }

    /// After release: the file holds every byte the variant says it wrote.
    @Sendable static func verifyFile(_ run: BenchmarkRun) throws {
        let path = output(run).path
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        guard let size, size == run.checked("bytesWritten") else {
            throw ScenarioCheckFailed("\(path) has \(size ?? -1) bytes, not the \(run.checked("bytesWritten") ?? -1) written")
        }
    }
}
