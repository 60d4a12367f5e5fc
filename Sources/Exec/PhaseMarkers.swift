import Foundation
import BenchModel
import Suite

/// Phase markers from a foreign command: lines `phase NAME` written to the descriptor named by
/// `MEMORYBENCH_PHASE_FD`, read as they arrive (in pieces of any size).
public struct PhaseMarkers: Sendable {
    /// The variable that tells the command which descriptor to write markers to.
    public static let environmentVariable = ExecFacts.phaseDescriptorVariable
    /// The descriptor (ChildProcess maps it to a pipe the harness reads).
    public static let descriptor = 3
    /// The variable naming the descriptor the command reads acknowledgements from, and the
    /// descriptor: after each marker the harness writes `acknowledgementLine` there once it has
    /// read the tree's status and reset its peaks; a command that waits for it has exact peaks.
    public static let acknowledgementVariable = "MEMORYBENCH_PHASE_ACK_FD"
    public static let acknowledgementDescriptor: Int32 = 4
    public static let acknowledgementLine = "ok\n"
    /// The phase a run without markers is, and the name of the part before the first marker.
    public static let wholeRunPhase = "run"
    public static let beforeFirstMarkerPhase = "start"
    static let maximumNameLength = 64

    var pending: [UInt8] = []
    public private(set) var ignoredLines = 0
    /// What bench-exec-launcher reported after the command ended: its pid and exact ru_maxrss.
    public private(set) var launcherReport: (pid: Int32, maxRSSBytes: Int)?
    static let launcherPrefix = "memorybench-launcher "

    public init() {}

    /// Feeds a chunk; returns the phase names of the complete marker lines in it, in order.
    public mutating func feed(_ data: Data) -> [String] {
        pending.append(contentsOf: data)
        var names: [String] = []
        while let newline = pending.firstIndex(of: 0x0A) {
            let line = String(decoding: pending[..<newline], as: UTF8.self)
            pending.removeSubrange(...newline)
            if let name = Self.phaseName(inLine: line) {
                names.append(name)
            } else if line.hasPrefix(Self.launcherPrefix), let report = Self.launcherReport(inLine: line) {
                launcherReport = report
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                ignoredLines += 1
            }
        }
        // A line that never ends is not allowed to grow without bound.
        if pending.count > 4096 {
            pending.removeAll()
            ignoredLines += 1
        }
        return names
    }

    /// "memorybench-launcher pid=12 maxrss_kb=300" → (12, 307200).
    static func launcherReport(inLine line: String) -> (pid: Int32, maxRSSBytes: Int)? {
        var fields: [Substring: Substring] = [:]
        for word in line.dropFirst(launcherPrefix.count).split(separator: " ") {
            let parts = word.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }), let kib = fields["maxrss_kb"].flatMap({ Int($0) }) else { return nil }
        return (pid, kib * 1024)
    }

    /// "phase load" → "load"; anything else → nil. Names are trimmed, at most 64 characters,
    /// without spaces (a space ends the name: `phase load rows` is phase `load`).
    public static func phaseName(inLine line: String) -> String? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        guard words.count >= 2, words[0] == "phase" else { return nil }
        let name = String(words[1])
        guard name.count <= maximumNameLength else { return nil }
        return name
    }
}
