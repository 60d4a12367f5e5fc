import Synchronization

/// A fixed pool of threads that runs jobs 0..<N, each on the thread a fixed plan gives it
/// (`owners[i]`), either one at a time in job order or every thread through its own jobs at once.
/// One at a time, job i + 1 starts when job i has ended, which hands its thread a baton (a
/// semaphore per thread): that is how a Ruby pool behind the GVL runs on any number of cores, each
/// thread's allocator state (its glibc arena, its tcache) used in turn. The plan is the same in
/// every run and configuration; a shared queue with a counting semaphore would instead let
/// whichever thread is free take the next job, and which arenas grew would be chance.
///
/// After its jobs a thread idles, blocked on its baton, alive like a pool thread waiting for
/// work, until `stop`: a thread's exit flushes its tcache, which is part of what is measured.
final class HandOffPool: @unchecked Sendable {
    let owners: [Int]
    let oneAtATime: Bool
    private let batons: [CountingSemaphore]
    private let finished: CountingSemaphore
    private let stopping = Atomic<Bool>(false)
    /// One group per thread, so that a thread that cannot start leaves the others stoppable;
    /// touched only by the thread that made the pool (in `init` and `stop`), never by its threads.
    private var groups: [ThreadGroup] = []

    /// Starts `threads` threads, thread t running `job(i)` for each i with `owners[i] == t`, in
    /// increasing order.
    init(threads: Int, owners: [Int], oneAtATime: Bool, job: @escaping @Sendable (Int) -> Void) throws {
        self.owners = owners
        self.oneAtATime = oneAtATime
        batons = try (0..<threads).map { _ in try CountingSemaphore() }
        finished = try CountingSemaphore()
        var jobsOf = Array(repeating: [Int](), count: threads)
        for (index, owner) in owners.enumerated() { jobsOf[owner].append(index) }
        for thread in 0..<threads {
            do {
                let mine = jobsOf[thread]
                groups.append(try ThreadGroup(1) { [self] _ in self.work(thread: thread, jobs: mine, job: job) })
            } catch {
                stop()
                throw error
            }
        }
        // Every thread is waiting on its baton: the first job's thread starts.
        if oneAtATime, let first = owners.first { batons[first].signal() }
    }

    private func work(thread: Int, jobs: [Int], job: @Sendable (Int) -> Void) {
        for index in jobs {
            if oneAtATime { batons[thread].wait() }
            if stopping.load(ordering: .acquiring) { return }
            job(index)
            if oneAtATime && index + 1 < owners.count { batons[owners[index + 1]].signal() }
        }
        finished.signal()
        batons[thread].wait()
    }

    /// Returns when every thread has run its jobs (the threads stay, idle).
    func waitForJobs() {
        for _ in 0..<batons.count { finished.wait() }
    }

    /// Wakes every thread to end and waits for them to exit.
    func stop() {
        stopping.store(true, ordering: .releasing)
        for baton in batons { baton.signal() }
        for group in groups { group.join() }
        groups = []
    }
}
