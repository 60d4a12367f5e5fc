import Foundation
import MemoryProbe
import BenchModel
import Suite

extension Doctor {
    /// The processes that used the most CPU over `window` seconds (by /proc/PID/stat utime +
    /// stime), with their share of one core, busiest first; this process and its children are
    /// left out.
    public static func busyProcesses(window: Double = 0.25, limit: Int = 3) -> [(name: String, percent: Double)] {
        func snapshot() -> [Int32: (name: String, ticks: Int)] {
            var result: [Int32: (String, Int)] = [:]
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [:] }
            for entry in entries {
                guard let pid = Int32(entry), pid != getpid(), let stat = readWholeFile("/proc/\(pid)/stat") else { continue }
                // "pid (comm) state ppid … utime stime …": comm may hold spaces, so split after ')'.
                guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
                let name = String(stat[stat.index(after: open)..<close])
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                guard fields.count > 13, let utime = Int(fields[11]), let stime = Int(fields[12]) else { continue }
                if Int32(fields[1]) == getpid() { continue }
                result[pid] = (name, utime + stime)
            }
            return result
        }
        let before = snapshot()
        usleep(useconds_t(window * 1_000_000))
        let after = snapshot()
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        return after.compactMap { pid, now -> (String, Double)? in
            guard let then = before[pid], now.ticks > then.ticks else { return nil }
            return (now.name, Double(now.ticks - then.ticks) / ticksPerSecond / window * 100)
        }
        .sorted { $0.1 > $1.1 }.prefix(limit).map { (name: $0.0, percent: $0.1) }
    }
}
