import NIOCore
import Synchronization

/// The last `capacity` rendered reports, least recently used dropped first, shared by every
/// event-loop thread behind one lock. Bounded, so a service that keeps serving reaches a
/// memory plateau instead of a leak.
final class ReportCache: Sendable {
    struct Key: Hashable, Sendable {
        let rows: Int
        let seed: UInt64
    }

    private struct Entry: Sendable {
        let key: Key
        let body: ByteBuffer
    }

    let capacity: Int
    /// Most recently used last; `capacity` is small (16), so a linear scan is cheaper than a map.
    private let entries: Mutex<[Entry]>

    init(capacity: Int) {
        self.capacity = capacity
        entries = Mutex([])
    }

    /// The cached body for `key`, which becomes the most recently used, or nil.
    func body(for key: Key) -> ByteBuffer? {
        entries.withLock { entries in
            guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.body
        }
    }

    /// Stores `body` as the most recently used, dropping the least recently used past `capacity`.
    func insert(_ body: ByteBuffer, for key: Key) {
        entries.withLock { entries in
            entries.removeAll { $0.key == key }
            entries.append(Entry(key: key, body: body))
            if entries.count > capacity {
                entries.removeFirst(entries.count - capacity)
            }
        }
    }

    /// How many reports the cache holds now (at most `capacity`).
    var count: Int {
        entries.withLock { $0.count }
    }
}
