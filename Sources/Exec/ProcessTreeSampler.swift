#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import BenchModel
import Suite

/// Reads a foreign process and its descendants from outside through /proc: memory from
/// `/proc/PID/status`, CPU from `/proc/PID/stat`, children from `/proc/PID/task/*/children`.
public final class ProcessTreeSampler {
    public struct ProcessReading: Sendable {
        public var pid: pid_t
        public var name: String
        public var status: ProcStatus
    }

    public struct TreeReading: Sendable {
        /// The root process (nil once it has exited: a zombie has no VmRSS).
        public var root: ProcStatus?
        /// User + system CPU seconds of the root process.
        public var rootCPUSeconds: Double?
        public var processes: [ProcessReading]
        public var totalRSSBytes: Int { processes.map(\.status.rssBytes).reduce(0, +) }
    }

    public let root: pid_t
    let rootStatus: ProcFile?
    let rootStat: ProcFile?
    static let clockTicks = Double(sysconf(Int32(_SC_CLK_TCK)))

    public init(root: pid_t) {
        self.root = root
        rootStatus = ProcFile(path: "/proc/\(root)/status")
        rootStat = ProcFile(path: "/proc/\(root)/stat")
    }

    /// The root's status now, read through the kept-open file.
    public func rootReading() -> ProcStatus? {
        rootStatus?.readText().flatMap(ProcStatus.parse)
    }

    /// The root's CPU time (utime + stime), from the kept-open `stat`.
    public func rootCPUSeconds() -> Double? {
        guard let text = rootStat?.readText() else { return nil }
        return Self.cpuSeconds(statLine: text)
    }

    /// The root's state letter ("R", "S", "Z" for exited but not yet reaped, …).
    public func rootState() -> Character? {
        guard let text = rootStat?.readText(), let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].first { $0 != " " }
    }

    /// The root and every descendant, each with its status.
    public func readTree() -> TreeReading {
        var processes: [ProcessReading] = []
        let rootStatus = rootReading()
        if let rootStatus { processes.append(ProcessReading(pid: root, name: Self.name(of: root) ?? "?", status: rootStatus)) }
        for pid in Self.descendants(of: root) {
            guard let text = readWholeFile("/proc/\(pid)/status"), let status = ProcStatus.parse(text) else { continue }
            processes.append(ProcessReading(pid: pid, name: Self.field("Name", in: text) ?? "?", status: status))
        }
        return TreeReading(root: rootStatus, rootCPUSeconds: rootCPUSeconds(), processes: processes)
    }

    /// Every descendant of `pid` (children of all its threads, recursively), children first.
    public static func descendants(of pid: pid_t) -> [pid_t] {
        var found: [pid_t] = []
        var queue = [pid]
        while !queue.isEmpty {
            let parent = queue.removeFirst()
            for child in children(of: parent) where child != pid && !found.contains(child) {
                found.append(child)
                queue.append(child)
            }
        }
        return found
    }

    static func children(of pid: pid_t) -> [pid_t] {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") else { return [] }
        var children: [pid_t] = []
        for task in tasks {
            guard let text = readWholeFile("/proc/\(pid)/task/\(task)/children") else { continue }
            children += text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        return children
    }

    /// The allocator libraries mapped into the root now (nil when its maps cannot be read).
    public func mappedAllocatorLibraries() -> [String]? {
        guard let maps = readWholeFile("/proc/\(root)/maps"), !maps.isEmpty else { return nil }
        return AllocatorProbe.mappedAllocatorLibraries(inMaps: maps)
    }

    /// Resets the peak (`VmHWM`) of the root and of every descendant to its current RSS;
    /// returns why the root's reset failed, or nil (a descendant that just ended is no failure).
    public func resetPeak() -> String? {
        for pid in Self.descendants(of: root) { _ = PeakResetter(path: "/proc/\(pid)/clear_refs").reset() }
        let resetter = PeakResetter(path: "/proc/\(root)/clear_refs")
        return resetter.reset() ? nil : (resetter.failure ?? "clear_refs failed")
    }

    static func name(of pid: pid_t) -> String? {
        readWholeFile("/proc/\(pid)/comm")?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func field(_ key: String, in status: String) -> String? {
        status.split(separator: "\n").first { $0.hasPrefix(key + ":") }
            .map { $0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    /// utime + stime (fields 14 and 15) of a `stat` line, in seconds. The command name (field 2)
    /// may hold spaces and parentheses, so fields are counted after its closing parenthesis.
    static func cpuSeconds(statLine: String) -> Double? {
        guard let close = statLine.lastIndex(of: ")") else { return nil }
        let fields = statLine[statLine.index(after: close)...].split(separator: " ")
        // fields[0] is the state (field 3), so utime (14) is fields[11] and stime (15) fields[12].
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / clockTicks
    }
}
