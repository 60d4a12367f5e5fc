import MemoryProbe
import BenchModel

extension AllocatorVerification {
    /// A configuration that promises jemalloc's background thread (`jemalloc-background`) needs
    /// `mallctl("background_thread")` to read true and, where jemalloc counts them, at least one
    /// background thread running: otherwise its rows would be plain jemalloc under another name.
    static func backgroundThreadFailure(of configuration: AllocatorConfiguration, identity: AllocatorIdentity) -> String? {
        guard configuration.backgroundThread == true else { return nil }
        guard identity.backgroundThread == true else {
            let read = identity.backgroundThread.map { "reads \($0)" } ?? "could not be read"
            return "\(configuration.name): jemalloc's background thread is off (mallctl(\"background_thread\") \(read)); MALLOC_CONF=background_thread:true did not take effect"
        }
        if let threads = identity.backgroundThreads, threads == 0 {
            return "\(configuration.name): mallctl(\"background_thread\") reads true, but no background thread runs (stats.background_thread.num_threads = 0)"
        }
        return nil
    }

    /// "background_thread on, 1 thread running", for jemalloc runs that report it.
    static func backgroundThreadProof(_ identity: AllocatorIdentity) -> String? {
        guard identity.kind == .jemalloc, let enabled = identity.backgroundThread else { return nil }
        guard enabled else { return "background_thread off" }
        return "background_thread on" + (identity.backgroundThreads.map { ", \($0) thread\($0 == 1 ? "" : "s") running" } ?? "")
    }
}
