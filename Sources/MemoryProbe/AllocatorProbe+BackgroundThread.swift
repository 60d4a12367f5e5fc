#if canImport(Glibc)
import Glibc
#endif

extension Jemalloc {
    /// Whether jemalloc's background thread is on (`MALLOC_CONF=background_thread:true`) and how
    /// many such threads run: what proves `jemalloc-background` from inside the worker. The
    /// count needs a fresh epoch, like every `stats.*` value.
    static func readBackgroundThread(into identity: inout AllocatorIdentity) {
        guard let mallctl else { return }
        var enabled = false
        var length = MemoryLayout<Bool>.size
        if mallctl("background_thread", &enabled, &length, nil, 0) == 0 {
            identity.backgroundThread = enabled
            identity.evidence.append("mallctl(\"background_thread\") = \(enabled)")
        }
        var newEpoch: UInt64 = 1
        var oldEpoch: UInt64 = 0
        var epochLength = MemoryLayout<UInt64>.size
        _ = mallctl("epoch", &oldEpoch, &epochLength, &newEpoch, MemoryLayout<UInt64>.size)
        if let threads = read("stats.background_thread.num_threads", using: mallctl) {
            identity.backgroundThreads = threads
            identity.evidence.append("stats.background_thread.num_threads = \(threads)")
        }
    }
}
