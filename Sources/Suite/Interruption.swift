#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import BenchModel
import Reporting

private let receivedSignal = Atomic<Int32>(0)

/// SIGINT and SIGTERM of a suite: the handler only records the signal (an atomic store is all a
/// signal handler may safely do) and restores the default action, so a second Ctrl-C ends the
/// program at once. The runner polls `signal` between runs and every tick of a running worker,
/// kills that worker's process group, and the suite writes a partial report and exits with
/// `exitCode` (128 + the signal: 130 for SIGINT, 143 for SIGTERM).
public enum Interruption {
    public static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                receivedSignal.store(number, ordering: .sequentiallyConsistent)
                _ = Glibc.signal(number, SIG_DFL)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART  // a write or read under way goes on; poll() still wakes
            sigaction(signalNumber, &action, nil)
        }
    }

    /// The signal received, or nil.
    public static var signal: Int32? {
        let value = receivedSignal.load(ordering: .sequentiallyConsistent)
        return value == 0 ? nil : value
    }

    public static func exitCode(for signal: Int32) -> Int32 { 128 + signal }

    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }

    /// For tests: forget a recorded signal.
    public static func reset() { receivedSignal.store(0, ordering: .sequentiallyConsistent) }
}
