extension ExecAllocatorProof {
    /// The name jemalloc 5 gives its background threads (pthread_setname_np).
    static let jemallocBackgroundThreadName = "jemalloc_bg_thd"

    /// Whether the command's threads should be listed now: a configuration that promises
    /// jemalloc's background thread, until one was seen (every half second, like the maps).
    public func wantsThreadNames(at seconds: Double) -> Bool {
        configuration.backgroundThread == true && backgroundThreadSeenSeconds == nil
            && (threadReads == 0 || seconds - lastThreadReadSeconds >= 0.5)
    }

    public mutating func observeThreadNames(_ names: [String], at seconds: Double) {
        threadReads += 1
        lastThreadReadSeconds = seconds
        if backgroundThreadSeenSeconds == nil, names.contains(Self.jemallocBackgroundThreadName) {
            backgroundThreadSeenSeconds = seconds
        }
    }

    /// nil when the configuration promises no background thread or one was seen, else why
    /// the run fails.
    var backgroundThreadFailure: String? {
        guard configuration.backgroundThread == true, backgroundThreadSeenSeconds == nil else { return nil }
        return "\(configuration.name): no \(Self.jemallocBackgroundThreadName) thread among the command's threads in \(threadReads) read(s) of /proc/PID/task/*/comm, so jemalloc's background thread did not start (MALLOC_CONF=background_thread:true did not take effect)"
    }

    /// "; jemalloc_bg_thd thread seen after 12 ms", appended to the proof.
    var backgroundThreadProof: String {
        guard let seen = backgroundThreadSeenSeconds else { return "" }
        return "; jemalloc's background thread (\(Self.jemallocBackgroundThreadName)) seen in /proc/PID/task \(String(format: "%.0f", seen * 1000)) ms after the start"
    }
}
