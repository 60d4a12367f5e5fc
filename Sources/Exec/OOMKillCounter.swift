import Foundation
import MemoryProbe

/// The kernel's count of OOM kills in a process's memory cgroup, to tell an OOM kill from any
/// other SIGKILL: `oom_kill` in memory.events (cgroup v2) or memory.oom_control (v1).
enum OOMKillCounter {
    /// The files that count OOM kills for `pid`'s cgroups ("self" for bench), that exist.
    static func files(pid: String = "self") -> [String] {
        guard let cgroup = readWholeFile("/proc/\(pid)/cgroup") else { return [] }
        var candidates: [String] = []
        for line in cgroup.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = parts[2] == "/" ? "" : String(parts[2])
            if parts[0] == "0" {
                candidates += ["/sys/fs/cgroup\(path)/memory.events", "/sys/fs/cgroup/unified\(path)/memory.events"]
            } else if parts[1].split(separator: ",").contains("memory") {
                candidates.append("/sys/fs/cgroup/memory\(path)/memory.oom_control")
            }
        }
        return candidates.filter { count($0) != nil }
    }

    static func count(_ file: String) -> Int? {
        guard let text = readWholeFile(file),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("oom_kill ") }) else { return nil }
        return Int(line.split(separator: " ")[1])
    }

    /// OOM kills counted for bench's own cgroup, which a command inherits.
    static func read() -> Int? { files().first.flatMap(count) }
}
