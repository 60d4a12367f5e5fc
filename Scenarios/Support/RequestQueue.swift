import Synchronization

/// The server's accept queue: request numbers handed out in order to whichever worker thread asks
/// next, up to a limit the main thread raises slice by slice (so that every slice boundary is
/// measured with no request in flight).
final class RequestQueue: Sendable {
    private struct State {
        var next = 0
        var limit = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let served = Atomic<Int>(0)

    enum Claim {
        case request(Int)
        case wait
        case closed
    }

    func claim() -> Claim {
        state.withLock { state in
            if state.closed { return .closed }
            guard state.next < state.limit else { return .wait }
            defer { state.next += 1 }
            return .request(state.next)
        }
    }

    func finished() { served.add(1, ordering: .releasing) }

    var servedCount: Int { served.load(ordering: .acquiring) }

    /// Lets requests up to `limit` (exclusive) be claimed.
    func open(upTo limit: Int) { state.withLock { $0.limit = max($0.limit, limit) } }

    /// Stops handing out requests: the limit becomes the next number; returns it.
    func pause() -> Int { state.withLock { $0.limit = $0.next; return $0.next } }

    /// Waits (polling, as the idle threads do) until every request below `limit` was served.
    func waitUntilServed(_ limit: Int, poll: () -> Void) {
        while servedCount < limit { poll() }
    }

    /// Ends the threads' loops.
    func close() { state.withLock { $0.closed = true } }
}
