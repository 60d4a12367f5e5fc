extension AllocatorConfiguration {
    /// jemalloc as production services commonly run it: preloaded with its background thread on,
    /// which purges freed pages on its 10 s decay schedule even while the program's own threads
    /// are idle (with it off, jemalloc purges only when the program calls into it).
    static func jemallocBackground(libraries: LibraryLocator) -> AllocatorConfiguration {
        var configuration = preload(name: "jemalloc-background",
                                    summary: "jemalloc through LD_PRELOAD with MALLOC_CONF=background_thread:true (the production setting)",
                                    library: "libjemalloc.so.2", kind: .jemalloc, package: "libjemalloc2", libraries: libraries)
        configuration.environment["MALLOC_CONF"] = "background_thread:true"
        configuration.backgroundThread = true
        return configuration
    }
}
