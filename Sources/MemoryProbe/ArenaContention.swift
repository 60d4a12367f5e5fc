#if canImport(Glibc)
import Glibc
#endif

/// Makes `threads` threads allocate at the same moment, so that glibc creates as many arenas as
/// its limit allows. Used by the allocator preflight to prove a `MALLOC_ARENA_MAX` limit holds
/// under contention (a single-threaded run uses one arena whatever the limit).
public enum ArenaContention {
    final class Shared {
        var barrier = pthread_barrier_t()
        init(count: Int) { pthread_barrier_init(&barrier, nil, UInt32(count)) }
        deinit { pthread_barrier_destroy(&barrier) }
    }

    public static func run(threads: Int) {
        let shared = Shared(count: threads)
        var tids: [pthread_t] = []
        for _ in 0..<threads {
            var tid = pthread_t()
            let context = Unmanaged.passRetained(shared).toOpaque()
            let created = pthread_create(&tid, nil, { raw in
                guard let raw else { return nil }
                let shared = Unmanaged<Shared>.fromOpaque(raw).takeRetainedValue()
                pthread_barrier_wait(&shared.barrier)
                var blocks: [UnsafeMutableRawPointer?] = Array(repeating: nil, count: 2_000)
                for round in 0..<20 {
                    for i in 0..<blocks.count {
                        free(blocks[i])
                        let size = 64 + ((i * 7919 + round * 104_729) % 4_032)
                        let block = malloc(size)
                        if let block { memset(block, 1, size) }
                        blocks[i] = block
                    }
                }
                for block in blocks { free(block) }
                return nil
            }, context)
            if created == 0 { tids.append(tid) } else { Unmanaged<Shared>.fromOpaque(context).release() }
        }
        // If a thread failed to start, the barrier would never open; the others would hang.
        if tids.count < threads {
            for _ in tids.count..<threads { pthread_barrier_wait(&shared.barrier) }
        }
        for tid in tids { pthread_join(tid, nil) }
    }
}
