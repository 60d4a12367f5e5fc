import Foundation
import MemoryProbe

/// Resident bytes of another process per mapped object, from `/proc/PID/smaps`: what the Swift
/// runtime, Foundation, SQLite and the worker binary itself (with GRDB linked in) keep resident.
public enum ProcessFootprint {
    public static func read(pid: Int32) -> [CalibrationFigures.ObjectFootprint]? {
        guard let text = readWholeFile("/proc/\(pid)/smaps") else { return nil }
        return parse(text)
    }

    /// Groups `Rss:` by the mapping's file name; anonymous mappings are `[anonymous]`.
    public static func parse(_ smaps: String) -> [CalibrationFigures.ObjectFootprint] {
        var totals: [String: Int] = [:]
        var current = "[anonymous]"
        for line in smaps.split(separator: "\n") {
            if line.hasPrefix("Rss:") {
                let kib = Int(line.dropFirst(4).filter { $0 >= "0" && $0 <= "9" }) ?? 0
                totals[current, default: 0] += kib * 1024
            } else {
                // A mapping header: "start-end perms offset dev inode [path]".
                let range = line.prefix { $0 != " " }
                guard range.contains("-"), range.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { continue }
                let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
                guard fields.count >= 5 else { continue }
                let path = fields.count == 6 ? fields[5].trimmingCharacters(in: .whitespaces) : ""
                if path.isEmpty {
                    current = "[anonymous]"
                } else if path.hasPrefix("[") {
                    current = path
                } else {
                    current = path.split(separator: "/").last.map(String.init) ?? path
                }
            }
        }
        return totals.filter { $0.value > 0 }.map { CalibrationFigures.ObjectFootprint(object: $0.key, residentBytes: $0.value) }
            .sorted { $0.residentBytes > $1.residentBytes || ($0.residentBytes == $1.residentBytes && $0.object < $1.object) }
    }

    /// What a group of objects keeps resident, by a rough family: Foundation, the Swift runtime,
    /// the worker binary (scenarios and GRDB, linked statically), SQLite, C libraries, anonymous.
    public static func family(of object: String) -> String {
        if object.contains("Foundation") { return "Foundation" }
        if object.hasPrefix("libswift") || object.contains("dispatch") || object.contains("BlocksRuntime") { return "Swift runtime" }
        if object.hasPrefix("bench-worker") { return "worker binary (scenarios + GRDB)" }
        if object.contains("sqlite") { return "SQLite" }
        if object.hasPrefix("[") { return "anonymous (heap, stacks, runtime data)" }
        return "C/C++ libraries"
    }

    public static func byFamily(_ objects: [CalibrationFigures.ObjectFootprint]) -> [(family: String, bytes: Int)] {
        var totals: [String: Int] = [:]
        for object in objects { totals[family(of: object.object), default: 0] += object.residentBytes }
        return totals.sorted { $0.value > $1.value }.map { ($0.key, $0.value) }
    }
}
