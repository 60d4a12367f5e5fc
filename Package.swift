// swift-tools-version:6.1
import PackageDescription

// Module layout (lowest first): CMalloc → MemoryProbe → Scenarios → Worker → bench-worker(s);
// MemoryProbe → Harness → Reporting → bench (the CLI). The CLI links Scenarios only for the
// catalog (names, variants, sizes); scenarios always run inside a worker process.
let package = Package(
    name: "MemoryBench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bench", targets: ["bench"]),
        .executable(name: "bench-worker", targets: ["bench-worker"]),
        .executable(name: "bench-worker-jemalloc", targets: ["bench-worker-jemalloc"]),
        .executable(name: "bench-exec-launcher", targets: ["bench-exec-launcher"]),
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
        // The in-process probe: /proc readers, allocator detection, sampler, phase recorder,
        // scenario API and the run record. No Foundation.
        .target(name: "MemoryProbe", dependencies: ["CMalloc"]),
        .target(
            name: "Scenarios",
            dependencies: ["MemoryProbe", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Scenarios"),
        .target(name: "Worker", dependencies: ["MemoryProbe", "Scenarios"]),
        .executableTarget(name: "bench-worker", dependencies: ["Worker"]),
        .executableTarget(name: "bench-worker-jemalloc", dependencies: ["Worker", "CJemalloc"]),
        // `bench exec` starts foreign commands through this small C program, so that wait4's
        // ru_maxrss is the command's own (see its main.c).
        .executableTarget(name: "bench-exec-launcher", path: "Sources/bench-exec-launcher"),
        // Pure statistics for verdicts (noise model, t test, Holm/BH, slope trend, A/A simulation).
        // No dependencies, no Foundation.
        .target(name: "Statistics"),
        .target(name: "Harness", dependencies: ["MemoryProbe", "Scenarios"]),
        .target(name: "Reporting", dependencies: ["Harness"]),
        .executableTarget(
            name: "bench",
            dependencies: [
                "Harness", "Reporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "MemoryProbeTests", dependencies: ["MemoryProbe"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Reporting"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Harness", "Reporting"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], exclude: ["Fixtures"]),
    ]
)
