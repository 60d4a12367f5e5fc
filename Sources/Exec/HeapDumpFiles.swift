import Foundation

/// The heap profiles jemalloc wrote for one command under `prof_gdump` and `prof_final`:
/// `<prefix>.<pid>.<seq>.u<N>.heap` at each new high-water mark of its memory,
/// `<prefix>.<pid>.<seq>.f.heap` at exit. A process tree writes one series per process.
struct HeapDumpFiles {
    /// One process's profiles: the last high-water-mark dump (its peak) and the exit dump.
    struct Process: Equatable {
        var pid: Int
        var peak: String?
        var exit: String?
    }

    var processes: [Process]

    /// The dumps in `folder` whose names start with `prefix.`.
    init(folder: String, prefix: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        self.init(names: names, prefix: prefix, folder: folder)
    }

    init(names: [String], prefix: String, folder: String) {
        var peaks: [Int: (seq: Int, path: String)] = [:]
        var exits: [Int: String] = [:]
        for name in names where name.hasPrefix(prefix + ".") && name.hasSuffix(".heap") {
            let parts = name.dropFirst(prefix.count + 1).dropLast(".heap".count).split(separator: ".")
            guard parts.count == 3, let pid = Int(parts[0]), let seq = Int(parts[1]) else { continue }
            let path = "\(folder)/\(name)"
            if parts[2] == "f" {
                exits[pid] = path
            } else if parts[2].hasPrefix("u"), seq >= (peaks[pid]?.seq ?? -1) {
                peaks[pid] = (seq, path)
            }
        }
        processes = Set(peaks.keys).union(exits.keys).sorted().map { Process(pid: $0, peak: peaks[$0]?.path, exit: exits[$0]) }
    }

    /// Removes the dumps superseded by a later one (every high-water mark but the last): a
    /// command growing by 1 GiB writes thousands of them.
    func removeSuperseded(folder: String, prefix: String) {
        let kept = Set(processes.flatMap { [$0.peak, $0.exit].compactMap { $0 } })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where name.hasPrefix(prefix + ".") && name.hasSuffix(".heap") && !kept.contains("\(folder)/\(name)") {
            try? FileManager.default.removeItem(atPath: "\(folder)/\(name)")
        }
    }

    /// The bytes in use a profile records (its `t*:` line, scaled by jeprof later: this is the
    /// sampled figure, enough to rank processes), nil when unreadable.
    static func sampledBytes(profile: String) -> Int? {
        guard let text = try? String(contentsOfFile: profile, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n").prefix(4) {
            let fields = line.split(whereSeparator: { $0 == ":" || $0 == " " })
            if fields.first == "t*", fields.count >= 3 { return Int(fields[2]) }
        }
        return nil
    }

    /// The executable of the process that wrote the profile: the first file in the memory map
    /// jemalloc appends to every profile (`MAPPED_LIBRARIES:`, the process's /proc/self/maps).
    static func executable(profile: String) -> String? {
        guard let text = try? String(contentsOfFile: profile, encoding: .utf8),
              let maps = text.range(of: "MAPPED_LIBRARIES:") else { return nil }
        for line in text[maps.upperBound...].split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 6, fields[5].hasPrefix("/") { return fields[5...].joined(separator: " ") }
        }
        return nil
    }
}
