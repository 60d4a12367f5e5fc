// swift-tools-version:6.1
import PackageDescription

// Modules, lowest first (a folder each under Sources/; the README's Architecture section walks them):
//   CMalloc, CJemalloc      C shims: <malloc.h>, jemalloc's header
//   MemoryProbe             in the measured process: scenario API, phase recorder, /proc readers,
//                           allocator probes, sampler, the worker's record (no Foundation)
//   Scenarios               the built-in workloads (GRDB lives here and nowhere above the worker)
//   MemoryBenchScenario     the scenario API as a library product (re-exports MemoryProbe's)
//   MemoryBenchWorker       the worker's entry point, MemoryBenchWorker.main(scenarios:): request
//                           in, record out; a library product, free of GRDB and the built-ins
//   Statistics              pure: verdicts, noise model, multiple comparisons, growth fits
//   BenchModel              the data the harness shares: allocator configurations, plan, run
//                           results, machine facts, calibration figures; atomic files, JSON coding
//   Reporting               pure: runs + scenario descriptions + calibration in, report model,
//                           JSON/Markdown/SVG out
//   Suite                   plan to report: session (run folder, suite.json, resume), runner,
//                           child processes, preflight, results.jsonl
//   Exec, Doctor            `bench exec` and `bench doctor` on top of Suite
//   bench                   the CLI
let package = Package(
    name: "MemoryBench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bench", targets: ["bench"]),
        .executable(name: "bench-worker", targets: ["bench-worker"]),
        .executable(name: "bench-worker-jemalloc", targets: ["bench-worker-jemalloc"]),
        .executable(name: "bench-exec-launcher", targets: ["bench-exec-launcher"]),
        // Measure your own code: scenarios in a package of its own, run by `bench --worker`.
        .library(name: "MemoryBenchScenario", targets: ["MemoryBenchScenario"]),
        .library(name: "MemoryBenchWorker", targets: ["MemoryBenchWorker"]),
        .plugin(name: "MemoryBenchPlugin", targets: ["MemoryBenchPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // <malloc.h> (mallinfo2, malloc_info, malloc_trim, mallopt) is not part of `import Glibc`.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // jemalloc linked at build time, for the `jemalloc-linked` worker only.
        .systemLibrary(
            name: "CJemalloc", path: "Sources/CJemalloc",
            providers: [.apt(["libjemalloc-dev"])]),
        .target(name: "MemoryProbe", dependencies: ["CMalloc"]),
        .target(
            name: "Scenarios",
            dependencies: ["MemoryProbe", "Statistics", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Scenarios"),
        .target(name: "MemoryBenchScenario", dependencies: ["MemoryProbe"]),
        .target(name: "MemoryBenchWorker", dependencies: ["MemoryBenchScenario"]),
        .executableTarget(name: "bench-worker", dependencies: ["MemoryBenchWorker", "Scenarios"]),
        .executableTarget(name: "bench-worker-jemalloc", dependencies: ["MemoryBenchWorker", "Scenarios", "CJemalloc"]),
        // `bench exec` starts foreign commands through this small C program, so that wait4's
        // ru_maxrss is the command's own (see its main.c).
        .executableTarget(name: "bench-exec-launcher", path: "Sources/bench-exec-launcher"),
        .target(name: "Statistics"),
        .target(name: "BenchModel", dependencies: ["MemoryProbe"]),
        .target(name: "Reporting", dependencies: ["BenchModel", "Statistics"]),
        // Counting/count.c, the allocation counter, is compiled by bench at first use (CachedCLibrary), as
        // Exec's probe is.
        .target(name: "Suite", dependencies: ["BenchModel", "Reporting"], resources: [.copy("Counting/count.c")]),
        // Probe/probe.c is compiled by bench at first use (ExecProbeLibrary), not by SwiftPM: a
        // library SwiftPM links pulls the Swift runtime (3 MiB of RSS) into every measured process.
        .target(name: "Exec", dependencies: ["Suite"], resources: [.copy("Probe/probe.c")]),
        .target(name: "Doctor", dependencies: ["Suite"]),
        .executableTarget(
            name: "bench",
            dependencies: [
                "Suite", "Exec", "Doctor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // `swift package memorybench all|run|sweep|list|compare|report|baseline|init` in a package
        // that depends on MemoryBench: builds its MemoryBenchmarks/ targets and runs bench. No
        // permission declared, so the reading verbs (compare, list, baseline compare|check|list)
        // run without one; a permission would be asked for every verb. SwiftPM sandboxes plugins
        // on macOS only: there the writing verbs need --allow-writing-to-package-directory.
        .plugin(
            name: "MemoryBenchPlugin",
            capability: .command(
                intent: .custom(verb: "memorybench", description: "Build the package's memory benchmarks (MemoryBenchmarks/) in release and run them with bench")),
            dependencies: ["bench"]),
        // Builders of worker records, run results, scenario descriptions and reports for every
        // test target above MemoryProbe (no scenario code, no GRDB); MemoryProbeTests builds the
        // records it tests with MemoryProbe's own initializers.
        .target(name: "TestSupport", dependencies: ["BenchModel", "MemoryProbe", "Reporting", "Statistics"], path: "Tests/TestSupport"),
        .testTarget(name: "MemoryProbeTests", dependencies: ["MemoryProbe"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "BenchModel", "Statistics", "TestSupport"]),
        .testTarget(name: "SuiteTests", dependencies: ["Suite", "Exec", "Doctor", "Scenarios", "TestSupport"]),
        // A test target per module with logic; EndToEndTests runs the real processes.
        .testTarget(name: "BenchModelTests", dependencies: ["BenchModel", "MemoryProbe", "TestSupport"]),
        .testTarget(name: "ExecTests", dependencies: ["Exec", "Suite", "BenchModel", "MemoryProbe"]),
        .testTarget(name: "DoctorTests", dependencies: ["Doctor", "Suite", "BenchModel", "MemoryProbe", "TestSupport"]),
        .testTarget(name: "BenchTests", dependencies: ["bench", "Suite", "Exec", "BenchModel", "MemoryProbe",
                                                       .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Suite", "Exec", "Doctor", "Scenarios", "TestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], exclude: ["Fixtures"]),
    ]
)
