import ArgumentParser
import Suite

/// `--sites` and its sampling rate, shared by `run`, `all`, `sweep` and `exec`.
struct SitesOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(
        "Also name the allocation sites of the bytes in use at each phase's end: one extra profiling run per cell under jemalloc's heap profiler (instrumented: never in any RSS figure or verdict), read with jeprof and swift-demangle; the report gets top sites per phase, a flame graph of the peak phase and pitfall against fix. bench exec: one profiling run per variant with jemalloc preloaded, profiles at its peak and at exit (a static binary or a command with its own allocator gets a line saying it cannot be profiled). Needs libjemalloc2 and jeprof (libjemalloc-dev)."))
    var sites = false

    @Option(name: .customLong("sites-sample"), help: ArgumentHelp(
        HelpText.withDefault("jemalloc's lg_prof_sample for --sites: one sample per 2^N bytes allocated on average (10–30; 16 is 64 KiB). Smaller: finer sites, a slower profiling run.", SiteProfiler.defaultLgSample),
        valueName: "log2-bytes"))
    var lgSample: Int?

    var sampleLog2Bytes: Int { lgSample ?? SiteProfiler.defaultLgSample }

    func validate() throws {
        guard (10...30).contains(sampleLog2Bytes) else { throw ValidationError("--sites-sample must be from 10 to 30 (2^N bytes between samples), not \(sampleLog2Bytes)") }
    }

    /// The profiling `--sites` asks for, nil without it; a missing tool is an error now, before any run.
    func resolved(path: String?) throws -> SiteProfiling? {
        guard sites else { return nil }
        return try Self.profiling(lgSample: sampleLog2Bytes, path: path)
    }

    /// Site profiling at `lgSample` with the symbolizer found on `path` (a missing one is one line).
    static func profiling(lgSample: Int, path: String?) throws -> SiteProfiling {
        switch HeapProfileSymbolizer.find(path: path) {
        case .success(let symbolizer): return SiteProfiling(lgSample: lgSample, symbolizer: symbolizer)
        case .failure(let unavailable): throw ValidationError(unavailable.description)
        }
    }
}
