import XCTest
import Foundation
@testable import BenchModel
@testable import Suite

/// The worker's environment is built from nothing but the configuration.
final class WorkerSetTests: XCTestCase {
    let libraries = LibraryLocator(directories: ["/nonexistent-lib-dir"])

    func testWorkerEnvironmentIsBuiltNotInherited() throws {
        setenv("MALLOC_ARENA_MAX", "7", 1)
        setenv("LD_PRELOAD", "/tmp/stray.so", 1)
        defer { unsetenv("MALLOC_ARENA_MAX"); unsetenv("LD_PRELOAD") }
        let workers = WorkerSet(directory: "/tmp")
        let all = AllocatorConfiguration.builtIn(libraries: libraries)
        let glibc = try XCTUnwrap(all.first { $0.name == "glibc" })
        let environment = workers.environment(for: glibc, scratch: "/tmp/x")
        XCTAssertNil(environment["MALLOC_ARENA_MAX"])
        XCTAssertNil(environment["LD_PRELOAD"])
        XCTAssertEqual(environment["TMPDIR"], "/tmp/x")
        let four = try XCTUnwrap(all.first { $0.name == "glibc-arenas-4" })
        XCTAssertEqual(workers.environment(for: four, scratch: "/tmp/x")["MALLOC_ARENA_MAX"], "4")
    }
}
