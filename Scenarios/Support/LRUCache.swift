/// A bounded cache that evicts the least recently used entry: O(1) `get` and `put`.
///
/// Entries live in parallel arrays linked into a doubly linked recency list by index (no object
/// per entry), with a dictionary from key to slot. `get` counts hits and misses.
public struct LRUCache<Key: Hashable, Value> {
    public let capacity: Int
    private var slots: [Key: Int] = [:]
    private var keys: [Key?] = []
    private var values: [Value?] = []
    private var previous: [Int] = []
    private var next: [Int] = []
    /// Most recently used slot, and least recently used (-1 when empty).
    private var head = -1
    private var tail = -1
    public private(set) var hits = 0
    public private(set) var misses = 0
    public private(set) var evictions = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "an LRU cache needs a capacity of at least 1")
        self.capacity = capacity
        slots.reserveCapacity(capacity)
    }

    public var count: Int { slots.count }

    /// The value for `key`, marking it most recently used; counts a hit or a miss.
    public mutating func get(_ key: Key) -> Value? {
        guard let slot = slots[key] else {
            misses += 1
            return nil
        }
        hits += 1
        moveToFront(slot)
        return values[slot]
    }

    /// Inserts or replaces `key`'s value and marks it most recently used; evicts the least
    /// recently used entry when the cache is full.
    public mutating func put(_ key: Key, _ value: Value) {
        if let slot = slots[key] {
            values[slot] = value
            moveToFront(slot)
            return
        }
        let slot: Int
        if slots.count < capacity {
            slot = keys.count
            keys.append(key)
            values.append(value)
            previous.append(-1)
            next.append(-1)
        } else {
            slot = tail
            unlink(slot)
            if let old = keys[slot] { slots[old] = nil }
            keys[slot] = key
            values[slot] = value
            evictions += 1
        }
        slots[key] = slot
        linkAtFront(slot)
    }

    /// Keys from most to least recently used (for tests and debugging; O(n)).
    public var keysByRecency: [Key] {
        var out: [Key] = []
        var slot = head
        while slot >= 0 {
            if let key = keys[slot] { out.append(key) }
            slot = next[slot]
        }
        return out
    }

    private mutating func moveToFront(_ slot: Int) {
        guard slot != head else { return }
        unlink(slot)
        linkAtFront(slot)
    }

    private mutating func unlink(_ slot: Int) {
        let before = previous[slot], after = next[slot]
        if before >= 0 { next[before] = after } else { head = after }
        if after >= 0 { previous[after] = before } else { tail = before }
        previous[slot] = -1
        next[slot] = -1
    }

    private mutating func linkAtFront(_ slot: Int) {
        previous[slot] = -1
        next[slot] = head
        if head >= 0 { previous[head] = slot }
        head = slot
        if tail < 0 { tail = slot }
    }
}
