import Synchronization

/// A server's in-memory session store, sharded under locks: entries written by whichever thread
/// served the request, overwritten and expired (after a time-to-live counted in requests, so
/// every configuration keeps the same entries) by other threads. Those cross-thread frees are
/// what leaves holes in glibc's per-thread arenas.
final class SessionStore: Sendable {
    struct Entry {
        var expiresAfterRequest: Int
        var user: String
        var payload: [UInt8]
    }

    /// A lock and its entries (a class: a `Mutex` cannot sit in an array).
    private final class Shard: Sendable {
        let entries = Mutex<[Int: Entry]>([:])
    }

    private let shards: [Shard]

    init(shards count: Int) {
        shards = (0..<max(1, count)).map { _ in Shard() }
    }

    /// Writes (or overwrites) session `id`; the entry it replaces is freed here, on this thread.
    func write(id: Int, _ entry: Entry) {
        shards[id % shards.count].entries.withLock { $0[id] = entry }
    }

    /// Frees the entries of one shard whose time-to-live ended at or before `request`.
    func expire(shard: Int, atRequest request: Int) {
        shards[shard % shards.count].entries.withLock { entries in
            entries = entries.filter { $0.value.expiresAfterRequest > request }
        }
    }

    /// Entries and payload bytes held now.
    var contents: (entries: Int, bytes: Int) {
        shards.reduce(into: (0, 0)) { total, shard in
            shard.entries.withLock { entries in
                total.0 += entries.count
                total.1 += entries.values.reduce(0) { $0 + $1.payload.count + $1.user.utf8.count }
            }
        }
    }

    func removeAll() {
        for shard in shards { shard.entries.withLock { $0 = [:] } }
    }

    var shardCount: Int { shards.count }
}
