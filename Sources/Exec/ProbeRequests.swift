#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MemoryProbe
import BenchModel

/// Asks the preloaded probe inside a running service for its allocator's figures now (the
/// request thread of Probe/probe.c, started when `$MEMORYBENCH_PROBE_REQUESTS` names the run's
/// proof folder): a request `SEQ\n` into the FIFO `PID.request`, the answer in `PID.stats` in
/// the end-of-run record's format. A process that does not listen (no FIFO, no probe, a forked
/// child, a static binary) gives nil at once; one that listens but does not answer, nil after
/// `timeoutSeconds`: never a hang.
final class ProbeRequests {
    static let variable = "MEMORYBENCH_PROBE_REQUESTS"
    /// Long enough for a loaded 2-core machine to schedule the probe's thread (an answer takes
    /// about 0.1 ms of its work), short enough that an acknowledged marker is barely delayed.
    static let timeoutSeconds = 0.5

    let folder: String
    let timeoutSeconds: Double
    private var sequence = 0
    /// Requests asked and answered, for the run's facts.
    private(set) var asked = 0
    private(set) var answered = 0

    init(folder: String, timeoutSeconds: Double = ProbeRequests.timeoutSeconds) {
        self.folder = folder
        self.timeoutSeconds = timeoutSeconds
    }

    /// The figures of process `pid` now, or nil.
    func ask(pid: pid_t) -> ProbeEndRecord? {
        guard pid > 0 else { return nil }
        let fifo = "\(folder)/\(pid).request", answer = "\(folder)/\(pid).stats"
        guard fileExists(fifo) else { return nil }
        sequence += 1
        asked += 1
        unlink(answer)
        let deadline = monotonicSeconds() + timeoutSeconds
        guard send("\(sequence)\n", to: fifo, before: deadline) else { return nil }
        while monotonicSeconds() < deadline {
            if let text = readWholeFile(answer), text.hasPrefix("seq=\(sequence)\n"), let record = ProbeEndRecord.parse(text, pid: pid) {
                answered += 1
                return record
            }
            usleep(500)
        }
        return nil
    }

    /// Writes the request without ever blocking: a FIFO without a reader fails the open
    /// (ENXIO), which is also the moment between two requests while the thread reopens it.
    func send(_ request: String, to fifo: String, before deadline: Double) -> Bool {
        while true {
            let descriptor = open(fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if descriptor >= 0 {
                let written = request.withCString { write(descriptor, $0, strlen($0)) }
                close(descriptor)
                return written > 0
            }
            guard errno == ENXIO, monotonicSeconds() < deadline else { return false }
            usleep(500)
        }
    }
}
