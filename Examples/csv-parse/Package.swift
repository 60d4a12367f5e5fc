// swift-tools-version:6.1
import PackageDescription

// Two CSV libraries compared on the same file: swiftcsv/SwiftCSV loads and parses the whole file,
// yaslab/CSV.swift streams it a row at a time. Run it with
//   swift build -c release && bench all --worker .build/release/CSVParse
// or, without typing paths, with the plugin:
//   swift package --allow-writing-to-package-directory memorybench all
let package = Package(
    name: "csv-parse",
    platforms: [.macOS(.v13)],
    dependencies: [
        // In your package: .package(url: "https://github.com/OWNER/MemoryBench", branch: "main")
        .package(name: "MemoryBench", path: "../.."),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "CSVParse",
            dependencies: [
                .product(name: "MemoryBenchWorker", package: "MemoryBench"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            path: "MemoryBenchmarks/CSVParse"),
    ]
)
