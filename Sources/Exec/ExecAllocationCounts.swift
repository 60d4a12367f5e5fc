import Foundation
import MemoryProbe
import BenchModel
import Suite

/// One process's allocation counts in a counted `bench exec` run. Under the counter
/// (Suite/Counting/count.c) with `$MEMORYBENCH_COUNT_DIR` set, each process of the command's tree
/// keeps its counters in a shared mapping of the file DIR/PID: a 4 KiB text header (`pid=…`,
/// `exe=…`), then a table of 64-byte slots of four 64-bit counts (mallocs, frees, reallocs, bytes
/// requested). bench reads the files at each phase marker and once the command ended; a process
/// needs not end cleanly for its counts to be there.
public struct ProcessAllocationCounts: Sendable, Equatable {
    public var pid: Int32
    public var executable: String
    public var counts: AllocationCounts

    static let headerBytes = 4096
    static let slotBytes = 64

    /// Parses one process's file; nil for anything else (a file still being created).
    public static func parse(_ data: Data) -> ProcessAllocationCounts? {
        guard data.count > headerBytes, (data.count - headerBytes) % slotBytes == 0 else { return nil }
        let header = String(decoding: data.prefix(headerBytes).prefix { $0 != 0 }, as: UTF8.self)
        var fields: [Substring: Substring] = [:]
        for line in header.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }) else { return nil }
        var totals = [UInt64](repeating: 0, count: 4)
        data.withUnsafeBytes { raw in
            for slot in stride(from: headerBytes, to: data.count, by: slotBytes) {
                for kind in 0..<4 { totals[kind] &+= UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: slot + kind * 8, as: UInt64.self)) }
            }
        }
        let counts = AllocationCounts(mallocs: Int(truncatingIfNeeded: totals[0]), frees: Int(truncatingIfNeeded: totals[1]),
                                      reallocs: Int(truncatingIfNeeded: totals[2]), bytesRequested: Int(truncatingIfNeeded: totals[3]))
        return ProcessAllocationCounts(pid: pid, executable: fields["exe"].map(String.init) ?? "?", counts: counts)
    }

    /// Every process's counts in `folder` but those of `excluded` pids (the launcher's).
    public static func readAll(in folder: String, excluding excluded: Set<Int32> = []) -> [ProcessAllocationCounts] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name in
            guard let pid = Int32(name), !excluded.contains(pid),
                  let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else { return nil }
            return parse(data)
        }.sorted { $0.pid < $1.pid }
    }
}

extension Array where Element == ProcessAllocationCounts {
    /// The tree's counts: the sum over its processes.
    public var treeTotal: AllocationCounts {
        reduce(AllocationCounts(mallocs: 0, frees: 0, reallocs: 0, bytesRequested: 0)) { sum, process in
            AllocationCounts(mallocs: sum.mallocs + process.counts.mallocs, frees: sum.frees + process.counts.frees,
                             reallocs: sum.reallocs + process.counts.reallocs,
                             bytesRequested: sum.bytesRequested + process.counts.bytesRequested)
        }
    }

    /// The process that made the most mallocs.
    public var largest: ProcessAllocationCounts? { self.max { $0.counts.mallocs < $1.counts.mallocs } }
}

/// The per-run folder the counted processes of one `bench exec` run write to.
struct ExecCountFolder {
    let path: String
    /// The launcher's pid and program: it is preloaded like the command, but its counts are not
    /// the command's (the program, for a command that ended before its pid was seen).
    var launcherPid: Int32?
    var launcherExecutable: String? {
        didSet { launcherExecutable = launcherExecutable.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } }
    }

    /// Makes an empty folder for run `index`, or nil when it cannot be made.
    init?(index: Int, repetition: Int) {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-counts-\(getpid())-\(index)-\(repetition)").path
        try? FileManager.default.removeItem(atPath: path)
        guard (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil else { return nil }
    }

    func read() -> [ProcessAllocationCounts] {
        ProcessAllocationCounts.readAll(in: path, excluding: launcherPid.map { [$0] } ?? []).filter { $0.executable != launcherExecutable }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// What the report says of the tree: how many processes counted, and the one that allocated most.
    static func describe(_ processes: [ProcessAllocationCounts], into facts: inout ExecFacts) {
        facts.countedProcesses = processes.count
        if let largest = processes.largest {
            let name = (largest.executable as NSString).lastPathComponent
            facts.largestAllocatingProcess = "\(largest.pid) (\(name)): \(grouped(largest.counts.mallocs)) mallocs, \(grouped(largest.counts.frees)) frees"
        }
    }
}

extension ExecCountFolder {
    /// The variables a counted run adds: the folder, and the counter FIRST in LD_PRELOAD (so it
    /// forwards to the configuration's allocator), before the configuration's library and the probe.
    static func variables(folder: String, counter: String, adding probe: [String: String],
                          configuration: AllocatorConfiguration) -> [String: String] {
        var variables = probe
        let rest = probe["LD_PRELOAD"] ?? configuration.environment["LD_PRELOAD"]
        variables["LD_PRELOAD"] = ([counter] + (rest.map { [$0] } ?? [])).joined(separator: " ")
        variables[CountingLibrary.folderVariable] = folder
        return variables
    }
}
