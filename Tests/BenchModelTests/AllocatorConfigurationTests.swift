import XCTest
import MemoryProbe
@testable import BenchModel

final class AllocatorConfigurationTests: XCTestCase {
    let libraries = LibraryLocator(directories: ["/nonexistent-lib-dir"])

    func testBuiltInsSetOnlyTheirOwnVariables() throws {
        let all = AllocatorConfiguration.builtIn(libraries: libraries)
        XCTAssertEqual(Array(all.map(\.name).prefix(AllocatorConfiguration.defaultNames.count)), AllocatorConfiguration.defaultNames)
        let glibc = try XCTUnwrap(all.first { $0.name == "glibc" })
        XCTAssertEqual(glibc.environment, [:])
        let two = try XCTUnwrap(all.first { $0.name == "glibc-arenas-2" })
        XCTAssertEqual(two.environment, ["MALLOC_ARENA_MAX": "2"])
        XCTAssertEqual(two.arenaLimit, 2)
        let preload = try XCTUnwrap(all.first { $0.name == "jemalloc-preload" })
        XCTAssertEqual(preload.environment["LD_PRELOAD"], "libjemalloc.so.2", "unresolved libraries keep their file name")
        XCTAssertEqual(preload.expectedKind, .jemalloc)
        let linked = try XCTUnwrap(all.first { $0.name == "jemalloc-linked" })
        XCTAssertEqual(linked.worker, .jemallocLinked)
        XCTAssertEqual(linked.environment, [:])
    }

    func testPreloadResolvesToAnAbsolutePathWhenTheLibraryExists() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("libs-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        FileManager.default.createFile(atPath: folder.appendingPathComponent("libjemalloc.so.2").path, contents: Data())
        let all = AllocatorConfiguration.builtIn(libraries: LibraryLocator(directories: [folder.path]))
        let preload = try XCTUnwrap(all.first { $0.name == "jemalloc-preload" })
        XCTAssertEqual(preload.environment["LD_PRELOAD"], folder.appendingPathComponent("libjemalloc.so.2").path)
    }

    func testCustomSpecWithBaseAndExtraEnvironment() throws {
        let builtIn = AllocatorConfiguration.builtIn(libraries: LibraryLocator())
        let custom = try CustomAllocatorSpec.parse(
            "je-nodecay base=jemalloc-preload MALLOC_CONF=dirty_decay_ms:0,muzzy_decay_ms:0", builtIn: builtIn)
        XCTAssertEqual(custom.name, "je-nodecay")
        XCTAssertEqual(custom.environment["MALLOC_CONF"], "dirty_decay_ms:0,muzzy_decay_ms:0")
        XCTAssertEqual(custom.expectedKind, .jemalloc)
        XCTAssertNotNil(custom.environment["LD_PRELOAD"])
        XCTAssertEqual(custom.preloadLibrary, custom.environment["LD_PRELOAD"])
    }

    func testCustomPreloadIsProvedByItsFamilyName() throws {
        let custom = try CustomAllocatorSpec.parse("tc preload=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4", builtIn: [])
        XCTAssertEqual(custom.expectedKind, .tcmalloc)
        XCTAssertEqual(custom.environment, ["LD_PRELOAD": "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4"])
        let unknown = try CustomAllocatorSpec.parse("mine preload=/opt/lib/libmyalloc.so", builtIn: [])
        XCTAssertNil(unknown.expectedKind, "an unknown library is proved by its mapping alone")
        let arenas = try CustomAllocatorSpec.parse("three MALLOC_ARENA_MAX=3", builtIn: [])
        XCTAssertEqual(arenas.arenaLimit, 3)
        XCTAssertEqual(arenas.expectedKind, .glibc)
    }

    func testMalformedSpecsAreRejectedWithAReason() {
        let builtIn = AllocatorConfiguration.builtIn(libraries: libraries)
        for spec in ["", "preload=/x.so", "onlyname", "x preload=relative.so", "x base=nope", "x lower=1",
                     "glibc MALLOC_ARENA_MAX=2", "x LD_PRELOAD=/x.so", "bad/name MALLOC_CONF=x", "x =1"] {
            XCTAssertThrowsError(try CustomAllocatorSpec.parse(spec, builtIn: builtIn), spec) { error in
                XCTAssertFalse("\(error)".isEmpty)
            }
        }
    }
}
