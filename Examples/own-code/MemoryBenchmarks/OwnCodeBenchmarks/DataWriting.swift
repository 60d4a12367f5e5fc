import Foundation
import MemoryBenchWorker

/// Writing an export: every line appended to one growing `Data` written at the end, against
/// writing 64 KiB at a time through a `FileHandle`.
struct DataWriting: Scenario {
    let name = "data-writing"
    let summary = "Export N orders as CSV lines to a file: append every line to one Data and write it at the end, or write through a FileHandle 64 KiB at a time"
    let sizeUnit = "orders"
    let defaultSize = 500_000
    let quickSize = 50_000
    let verificationPhases = ["verify"]
    static let bufferBytes = 64 * 1024

    let variants = [
        ScenarioVariant(name: "accumulate-data", summary: "var data = Data(); data.append(line) per order; data.write(to:) at the end",
                        phases: ["open", "write", "release", "verify"]),
        ScenarioVariant(name: "filehandle", summary: "FileHandle(forWritingTo:); a 64 KiB Data buffer written and emptied whenever it is full",
                        phases: ["open", "write", "release", "verify"]),
    ]
    let comparisons = [VariantComparison(pitfall: "accumulate-data", fix: "filehandle")]

    func prepare(size: Int, cacheDirectory: String) throws {}

    func run(variant: String, context: RunContext) throws {
        let url = URL(fileURLWithPath: "\(context.scratchDirectory)/orders.csv")
        let held = Held()
        var bytes = 0
        try context.phase("open") {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw ScenarioCheckFailed("cannot create \(url.path)")
            }
            held.handle = try FileHandle(forWritingTo: url)
        }
        guard let handle = held.handle else { throw ScenarioCheckFailed("\(url.path) did not open") }
        try context.phase("write") {
            switch variant {
            case "accumulate-data":
                var data = Data()
                for id in 1...context.size { data.append(contentsOf: Array(Order.make(id).csvLine.utf8)) }
                try handle.write(contentsOf: data)
                bytes = data.count
                held.data = data
            case "filehandle":
                var buffer = Data(capacity: Self.bufferBytes)
                for id in 1...context.size {
                    buffer.append(contentsOf: Array(Order.make(id).csvLine.utf8))
                    if buffer.count >= Self.bufferBytes {
                        try handle.write(contentsOf: buffer)
                        bytes += buffer.count
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                try handle.write(contentsOf: buffer)
                bytes += buffer.count
            default:
                throw ScenarioCheckFailed("unknown variant \(variant)")
            }
        }
        try context.phase("release") {
            held.data = nil
            try handle.close()
        }
        try context.phase("verify") {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
            guard size == bytes else { throw ScenarioCheckFailed("the file has \(size ?? -1) bytes, not the \(bytes) written") }
        }
        context.check("bytesWritten", bytes)
    }
}
