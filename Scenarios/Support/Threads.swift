#if canImport(Glibc)
import Glibc
#endif

/// Runs `body(index)` on `count` new POSIX threads and waits for all of them (no Foundation,
/// no thread pool: each index is its own thread, as in a threaded server).
public func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) throws {
    try ThreadGroup(count, body).join()
}

private final class ThreadJob: @unchecked Sendable {
    let index: Int
    let body: @Sendable (Int) -> Void
    init(index: Int, body: @escaping @Sendable (Int) -> Void) {
        self.index = index
        self.body = body
    }
}

/// Threads started together and joined later, so that the caller can measure phases while they
/// run (`runOnThreads` waits at once).
public final class ThreadGroup {
    private var threads: [pthread_t] = []

    public init(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) throws {
        for index in 0..<count {
            let job = Unmanaged.passRetained(ThreadJob(index: index, body: body)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                guard let raw else { return nil }
                let job = Unmanaged<ThreadJob>.fromOpaque(raw).takeRetainedValue()
                job.body(job.index)
                return nil
            }, job)
            guard status == 0 else {
                Unmanaged<ThreadJob>.fromOpaque(job).release()
                join()
                throw ScenarioIOError("cannot start thread \(index): \(String(cString: strerror(status)))")
            }
            threads.append(thread)
        }
    }

    /// Waits for every thread to end.
    public func join() {
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }
}
