// swift-tools-version:6.1
import PackageDescription

// MemoryBench measuring this package's own code: each executable target under MemoryBenchmarks/
// is a worker (`MemoryBenchWorker.main(scenarios:)`). Run it with
//   swift build -c release && bench all --worker .build/release/OwnCodeBenchmarks
// or, without typing paths, with the plugin:
//   swift package --allow-writing-to-package-directory memorybench all
let package = Package(
    name: "own-code",
    platforms: [.macOS(.v13)],
    dependencies: [
        // In your package: .package(url: "https://github.com/OWNER/MemoryBench", branch: "main")
        .package(name: "MemoryBench", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "OwnCodeBenchmarks",
            dependencies: [.product(name: "MemoryBenchWorker", package: "MemoryBench")],
            path: "MemoryBenchmarks/OwnCodeBenchmarks"),
    ]
)
