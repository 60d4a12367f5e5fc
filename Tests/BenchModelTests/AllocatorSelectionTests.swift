import XCTest
@testable import BenchModel

/// `--allocators` and `--custom-allocator` resolved to configurations.
final class AllocatorSelectionTests: XCTestCase {
    let builtIn = AllocatorConfiguration.builtIn(libraries: LibraryLocator(directories: ["/nonexistent-lib-dir"]))

    func resolve(_ names: String, _ customs: [String] = [], counted: Bool = false) throws -> [String] {
        try AllocatorSelection.resolve(names, customSpecs: customs, counted: counted, builtIn: builtIn).map(\.name)
    }

    func failure(_ names: String, _ customs: [String] = []) -> String? {
        do {
            _ = try resolve(names, customs)
            return nil
        } catch {
            return (error as? AllocatorSelection.Invalid)?.description
        }
    }

    func testDefaultAndEveryStandForTheirNames() throws {
        XCTAssertEqual(try resolve("default"), AllocatorConfiguration.defaultNames)
        XCTAssertEqual(AllocatorConfiguration.defaultNames.count, 8)
        XCTAssertEqual(try resolve("every"), builtIn.map(\.name))
        XCTAssertEqual(try resolve("jemalloc-preload, glibc"), ["jemalloc-preload", "glibc"], "in the order given, spaces trimmed")
    }

    func testNamesAreKeptOnceInFirstSeenOrder() throws {
        XCTAssertEqual(try resolve("glibc,default,glibc"), AllocatorConfiguration.defaultNames)
        XCTAssertEqual(try resolve("glibc-arenas-2,,glibc"), ["glibc-arenas-2", "glibc"], "empty names are ignored")
    }

    func testCountedTwinsByNameOrForEveryConfiguration() throws {
        XCTAssertEqual(try resolve("glibc+count"), ["glibc+count"])
        let twin = try XCTUnwrap(AllocatorSelection.resolve("glibc+count", customSpecs: [], counted: false, builtIn: builtIn).first)
        XCTAssertTrue(twin.isCounted)
        XCTAssertEqual(try resolve("glibc,jemalloc-preload", counted: true), ["glibc", "jemalloc-preload", "glibc+count", "jemalloc-preload+count"])
        XCTAssertEqual(try resolve("glibc,glibc+count", counted: true), ["glibc", "glibc+count"], "a twin named already is not added again")
    }

    func testCustomConfigurationsAreAddedOrNamed() throws {
        let spec = "je-nodecay base=jemalloc-preload MALLOC_CONF=dirty_decay_ms:0"
        XCTAssertEqual(try resolve("glibc", [spec]), ["glibc", "je-nodecay"], "appended after the named ones")
        XCTAssertEqual(try resolve("je-nodecay,glibc", [spec]), ["je-nodecay", "glibc"], "or where it is named")
        XCTAssertEqual(try resolve("je-nodecay+count", [spec]), ["je-nodecay+count", "je-nodecay"])
    }

    func testEveryWrongNameOrSpecIsOneLine() {
        XCTAssertEqual(failure("glibc,nope"), "unknown allocator configuration 'nope'; known: \(builtIn.map(\.name).joined(separator: ", "))")
        XCTAssertEqual(failure(" , "), "--allocators names no configuration")
        XCTAssertEqual(failure("glibc", ["x MALLOC_ARENA_MAX=2", "x MALLOC_ARENA_MAX=3"]), "--custom-allocator names 'x' twice")
        XCTAssertEqual(failure("glibc", ["glibc MALLOC_ARENA_MAX=2"]), "allocator name 'glibc' is built in; choose another name")
    }
}
