#if canImport(Glibc)
import Glibc
#endif

/// A POSIX counting semaphore: `wait` blocks until a `signal` is there to take. A blocked thread
/// sleeps in the kernel (no polling), so idle pool threads cost nothing and allocate nothing.
final class CountingSemaphore: @unchecked Sendable {
    private let semaphore = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)

    init(_ count: UInt32 = 0) throws {
        guard sem_init(semaphore, 0, count) == 0 else {
            let reason = String(cString: strerror(errno))
            semaphore.deallocate()
            throw ScenarioIOError("cannot create a semaphore: \(reason)")
        }
    }

    deinit {
        sem_destroy(semaphore)
        semaphore.deallocate()
    }

    func wait() {
        while sem_wait(semaphore) != 0 && errno == EINTR {}
    }

    func signal() { sem_post(semaphore) }
}
