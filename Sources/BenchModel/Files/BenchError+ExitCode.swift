extension BenchError {
    /// 65 for input that cannot be read as what it claims to be (EX_DATAERR), 74 for output that
    /// cannot be written (EX_IOERR).
    public var exitCode: Int32 {
        switch self {
        case .input: return 65
        case .io: return 74
        }
    }
}
