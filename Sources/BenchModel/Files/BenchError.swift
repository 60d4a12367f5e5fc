/// A failure the user can act on, said in one line: input that is not what it claims to be
/// (exit 65) or output that cannot be written (exit 74).
public enum BenchError: Error, CustomStringConvertible {
    case io(String)
    case input(String)

    public var description: String {
        switch self {
        case .io(let message), .input(let message): return message
        }
    }
}
