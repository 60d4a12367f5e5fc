// swift-tools-version: 6.1
// A real Swift service for `bench exec --duration`: Hummingbird 2 on a fixed number of NIO
// threads, rendering JSON reports of random size and keeping a bounded cache of them.
import PackageDescription

let package = Package(
    name: "hummingbird-service",
    // Synchronization's Mutex needs macOS 15; Linux, where bench runs it, has no floor.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hummingbird-service", targets: ["HummingbirdService"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in Hummingbird's graph; named for MultiThreadedEventLoopGroup (the thread count).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    ],
    targets: [
        .executableTarget(
            name: "HummingbirdService",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "HummingbirdServiceTests",
            dependencies: [
                "HummingbirdService",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
    ]
)
