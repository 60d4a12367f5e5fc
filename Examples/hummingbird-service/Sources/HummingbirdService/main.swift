import Hummingbird
import NIOCore
import NIOPosix

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#endif

/// One line on stderr and a non-zero exit: what a user sees for bad input or a failed start.
func fail(_ message: String, status: Int32) -> Never {
    let line = Array("hummingbird-service: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(status)
}

let options: ServiceOptions
do {
    options = try ServiceOptions.parse(
        arguments: Array(CommandLine.arguments.dropFirst()),
        environment: ProcessInfo.processInfo.environment)
} catch {
    fail("\(error); \(ServiceOptions.usage)", status: 64)
}

// A fixed number of event loops, not one per CPU: a 2-CPU machine then has the threads (and
// glibc the arenas) of a bigger one. They serve the connections and render the reports.
let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: options.threads)

let app = Application(
    router: makeRouter(cache: ReportCache(capacity: options.cacheEntries), renderers: eventLoops),
    configuration: .init(
        address: .hostname("127.0.0.1", port: options.port),
        serverName: "hummingbird-service"),
    eventLoopGroupProvider: .shared(eventLoops))

// runService returns on SIGTERM or SIGINT after a graceful shutdown (ServiceLifecycle).
do {
    try await app.runService()
    try await eventLoops.shutdownGracefully()
} catch {
    fail("\(error)", status: 1)
}
