/// Why the worker stopped before writing its record: bad input (exit 64) or a machine that
/// cannot be measured (exit 70).
enum WorkerFailure: Error, CustomStringConvertible {
    case usage(String)
    case environment(String)

    var description: String {
        switch self {
        case .usage(let message): return "usage: \(message)"
        case .environment(let message): return message
        }
    }

    var exitCode: Int32 {
        switch self {
        case .usage: return 64
        case .environment: return 70
        }
    }
}
