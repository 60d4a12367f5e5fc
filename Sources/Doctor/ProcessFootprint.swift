import Foundation
import MemoryProbe
import BenchModel
import Suite

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
}
