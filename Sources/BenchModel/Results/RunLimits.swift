/// The limits a run was under, kept with the run so that a report can say what it was capped at.
public struct RunLimits: Codable, Sendable, Equatable {
    /// The RSS cap the runner enforced from outside.
    public var memoryCapBytes: Int
    /// RLIMIT_DATA the worker set on itself, the kernel's backstop behind the cap.
    public var dataLimitBytes: Int?
    public var timeoutSeconds: Double
    /// Set when the runner could not read the worker's RSS (so only the kernel limit held).
    public var watchNote: String?

    public init(memoryCapBytes: Int, dataLimitBytes: Int?, timeoutSeconds: Double, watchNote: String? = nil) {
        self.memoryCapBytes = memoryCapBytes
        self.dataLimitBytes = dataLimitBytes
        self.timeoutSeconds = timeoutSeconds
        self.watchNote = watchNote
    }
}
