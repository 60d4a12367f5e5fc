#if canImport(Glibc)
import Glibc
#endif
import Foundation
import BenchModel
import Reporting

/// ProgressReporter lines on stderr: on by default when stderr is a terminal, or when asked.
public struct ProgressReporter: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public static func automatic(forced: Bool?, quiet: Bool) -> ProgressReporter {
        if quiet { return ProgressReporter(enabled: false) }
        return ProgressReporter(enabled: forced ?? (isatty(STDERR_FILENO) == 1))
    }

    public func say(_ line: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
