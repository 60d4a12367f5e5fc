#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import BenchModel
import Reporting

/// Watches one running worker from outside, the way a platform's OOM killer does: its RSS from
/// `/proc/PID/statm` at every tick against the cap, and the phase it announced last on stderr
/// (`bench-worker: phase NAME begins|ends`), so a kill at the cap can say where it happened and
/// what the last sample was. It also stops the worker when the suite is interrupted.
public final class RunWatch {
    public static let capReason = "memory cap"
    public static let interruptedReason = RunResult.interruptedReason

    public let capBytes: Int?
    /// False only in tests of the kernel backstop: sample, but never kill at the cap.
    public var enforcesCap = true
    private var statm: ProcFile?
    private var triedOpening = false
    public private(set) var lastRssBytes: Int?
    public private(set) var maxRssBytes: Int?
    /// VmData (writable private mappings: what RLIMIT_DATA counts) at the last sample.
    public private(set) var lastDataBytes: Int?
    public private(set) var lastSampleSeconds: Double?
    public private(set) var phase: String?
    public private(set) var insidePhase = false
    /// Why the RSS could not be watched, when it could not.
    public private(set) var note: String?
    private var pendingLine = Data()

    public init(capBytes: Int?) { self.capBytes = capBytes }

    public func tick(pid: pid_t, elapsed: Double) -> ChildProcess.TickAction {
        if Interruption.signal != nil { return .kill(reason: Self.interruptedReason) }
        sample(pid: pid, elapsed: elapsed)
        if enforcesCap, let capBytes, let rss = lastRssBytes, rss > capBytes { return .kill(reason: Self.capReason) }
        return .keepRunning
    }

    public func sample(pid: pid_t, elapsed: Double) {
        if !triedOpening {
            triedOpening = true
            statm = ProcFile(path: "/proc/\(pid)/statm", capacity: 256)
            if statm == nil {
                note = "cannot read /proc/\(pid)/statm (\(String(cString: strerror(errno)))): only the kernel's data limit held the cap"
            }
        }
        // statm: size resident shared text lib data dt, in pages.
        guard let text = statm?.readText() else { return }
        let fields = text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count >= 6 else { return }
        let rss = fields[1] * pageSize
        lastRssBytes = rss
        maxRssBytes = max(maxRssBytes ?? 0, rss)
        lastDataBytes = fields[5] * pageSize
        lastSampleSeconds = elapsed
    }

    /// A reading taken elsewhere (`bench exec` sums the RSS of the command's tree).
    public func record(rssBytes: Int, dataBytes: Int?, elapsed: Double) {
        lastRssBytes = rssBytes
        maxRssBytes = max(maxRssBytes ?? 0, rssBytes)
        lastDataBytes = dataBytes
        lastSampleSeconds = elapsed
    }

    /// Fed with the worker's output as it arrives; reads phase announcements from stderr.
    public func data(stream: Int, chunk: Data) {
        guard stream == 1 else { return }
        pendingLine.append(chunk)
        while let newline = pendingLine.firstIndex(of: 0x0A) {
            let line = String(decoding: pendingLine[pendingLine.startIndex..<newline], as: UTF8.self)
            pendingLine.removeSubrange(pendingLine.startIndex...newline)
            if let announcement = PhaseAnnouncement.parse(line) {
                phase = announcement.phase
                insidePhase = announcement.inside
            }
        }
    }

    /// The fault facts every kind of early end shares.
    public func fault(_ kind: RunFault.Kind, elapsed: Double) -> RunFault {
        var fault = RunFault(kind: kind)
        fault.lastRssBytes = lastRssBytes
        fault.maxSampledRssBytes = maxRssBytes
        fault.phase = phase
        fault.insidePhase = phase == nil ? nil : insidePhase
        fault.elapsedSeconds = elapsed
        return fault
    }
}

extension ChildProcess.Outcome {
    /// The end of stderr without the phase announcements and without the Swift runtime's crash
    /// backtrace (dozens of frame and register lines), for failure messages.
    public func stderrTailWithoutAnnouncements(lines: Int = 5) -> String {
        stderrMessages.suffix(lines).joined(separator: "\n")
    }

    /// The lines of stderr a person wrote: announcements dropped, a backtrace reduced to its
    /// "*** Program crashed: …" line.
    public var stderrMessages: [String] {
        var out: [String] = []
        var inBacktrace = false
        for line in String(decoding: stderr, as: UTF8.self).split(separator: "\n") {
            if PhaseAnnouncement.parse(line) != nil { continue }
            if line.hasPrefix("*** Signal ") { inBacktrace = true; continue }
            if line.hasPrefix("*** Program crashed") { out.append(String(line)); continue }
            if !inBacktrace { out.append(String(line)) }
        }
        return out
    }

    /// The one line that says best why the worker ended: a Swift fatal error, else the worker's
    /// own last message (it starts with the executable's name, `worker`), else the crash line,
    /// else the last line.
    public func failureLine(worker: String = "bench-worker") -> String? {
        let messages = stderrMessages
        return messages.last { $0.contains("Fatal error") || $0.contains("fatal error") }
            ?? messages.last { $0.hasPrefix("\(worker): ") }
            ?? messages.last { $0.hasPrefix("*** Program crashed") }
            ?? messages.last
    }
}
