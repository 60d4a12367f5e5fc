import Hummingbird
import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The service's two routes. `/report` renders with Foundation's JSONEncoder because that is
/// Hummingbird's default response encoder: a real Hummingbird service allocates this way.
/// The rendered bytes are cached (as a response cache would), so the cache's memory is the
/// documents themselves: 3.7 MB each at 10,000 rows, the load's largest.
func makeRouter(cache: ReportCache, renderers: any EventLoopGroup) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("health") { _, _ in "ok" }
    router.get("report") { request, _ -> Response in
        let query = try ReportQuery(request.uri.queryParameters)
        let key = ReportCache.Key(rows: query.rows, seed: query.seed)
        let body: ByteBuffer
        if let cached = cache.body(for: key) {
            body = cached
        } else {
            // On a 16-CPU machine Swift Concurrency's pool is 16 threads wide; here it is 2.
            // Rendering on the next of the group's loops (round robin) gives the allocator the
            // rendering threads of the bigger machine.
            body = try await renderers.next().submit { try render(query) }.get()
            cache.insert(body, for: key)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: body))
    }
    return router
}

private func render(_ query: ReportQuery) throws -> ByteBuffer {
    let data = try JSONEncoder().encode(Report(rows: query.rows, seed: query.seed))
    return ByteBuffer(bytes: data)
}
