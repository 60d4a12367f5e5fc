import Foundation
import MemoryProbe

extension AllocatorConfiguration {
    /// Seconds this configuration keeps freed memory before it gives it back on its own: jemalloc
    /// purges dirty pages `dirty_decay_ms` after they were freed (10 s by default in 5.3; muzzy
    /// pages after `muzzy_decay_ms`, 0 by default), from its background thread or, without one,
    /// as the program calls into it — so RSS read after a shorter settle is read before the decay
    /// (FACTS: threaded-churn under jemalloc kept 15 MiB after a 0.5 s settle, 6.8 MiB after 11 s).
    /// 0 for glibc, which returns memory only when it frees or trims, never later. nil for an
    /// allocator whose timers MemoryBench does not know (tcmalloc, mimalloc, a custom preload).
    public var idleDecaySeconds: Double? {
        switch expectedKind {
        case .glibc?: return 0
        case .jemalloc?:
            let options = Self.mallocConf(environment["MALLOC_CONF"] ?? "")
            let dirty = options["dirty_decay_ms"].flatMap(Double.init) ?? 10_000
            let muzzy = options["muzzy_decay_ms"].flatMap(Double.init) ?? 0
            // A negative decay means "never": nothing comes back however long the settle.
            return dirty < 0 || muzzy < 0 ? .infinity : max(dirty, muzzy) / 1000
        default: return nil
        }
    }

    /// `MALLOC_CONF`'s `key:value,key:value` options.
    static func mallocConf(_ text: String) -> [String: String] {
        var options: [String: String] = [:]
        for option in text.split(separator: ",") {
            let parts = option.split(separator: ":", maxSplits: 1)
            if parts.count == 2 {
                options[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return options
    }

    /// jemalloc with its background thread and a 1 s decay: an idle service gives freed pages
    /// back within a second, so a short settle reads RSS after the decay (the default rows keep
    /// them 10 s). For the allocator-sensitive scenarios' settled comparison.
    static func jemallocDecayOneSecond(libraries: LibraryLocator) -> AllocatorConfiguration {
        var configuration = preload(name: "jemalloc-decay-1s",
                                    summary: "jemalloc through LD_PRELOAD with its background thread and a 1 s decay (MALLOC_CONF=background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:1000)",
                                    library: "libjemalloc.so.2", kind: .jemalloc, package: "libjemalloc2", libraries: libraries)
        configuration.environment["MALLOC_CONF"] = "background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:1000"
        configuration.backgroundThread = true
        return configuration
    }
}
