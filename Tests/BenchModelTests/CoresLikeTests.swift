import XCTest
import MemoryProbe
@testable import BenchModel

/// `--cores-like N`: the arena caps of a machine with N CPUs, glibc's through MALLOC_ARENA_MAX
/// and jemalloc's through MALLOC_CONF, merged with what a configuration sets itself.
final class CoresLikeTests: XCTestCase {
    let all = AllocatorConfiguration.builtIn(libraries: LibraryLocator(directories: ["/nonexistent-lib-dir"]))
    func named(_ name: String) throws -> AllocatorConfiguration { try XCTUnwrap(all.first { $0.name == name }) }

    func testGlibcsDefaultGetsEightArenasPerCPU() throws {
        let glibc = try named("glibc").likeCores(32)
        XCTAssertEqual(glibc.environment, ["MALLOC_ARENA_MAX": "256"])
        XCTAssertEqual(glibc.arenaLimit, 256)
        XCTAssertEqual(glibc.coresLike, 32)
        XCTAssertEqual(glibc.name, "glibc", "the same configuration, on a bigger machine")
    }

    func testAnArenaLimitedGlibcKeepsItsOwnCap() throws {
        let two = try named("glibc-arenas-2")
        XCTAssertEqual(two.likeCores(32), two)
    }

    func testJemallocGetsFourArenasPerCPUMergedWithItsOwnConf() throws {
        let preload = try named("jemalloc-preload").likeCores(32)
        XCTAssertEqual(preload.environment["MALLOC_CONF"], "narenas:128")
        XCTAssertEqual(preload.jemallocArenas, 128)
        let background = try named("jemalloc-background").likeCores(32)
        XCTAssertEqual(background.environment["MALLOC_CONF"], "background_thread:true,narenas:128")
        XCTAssertEqual(background.backgroundThread, true)
        XCTAssertEqual(try named("jemalloc-linked").likeCores(4).environment["MALLOC_CONF"], "narenas:16")
    }

    func testAConfigurationThatSetsNarenasItselfKeepsIt() throws {
        var custom = try named("jemalloc-preload")
        custom.environment["MALLOC_CONF"] = "narenas:3,dirty_decay_ms:0"
        XCTAssertEqual(custom.likeCores(32), custom)
    }

    func testAllocatorsWithoutSuchACapAreUnchanged() throws {
        let tcmalloc = try named("tcmalloc-preload")
        XCTAssertEqual(tcmalloc.likeCores(32), tcmalloc)
    }

    func testATestbedMadeLikeOtherCoresIsAnotherTestbed() {
        let facts = MachineFacts.unknown
        let own = Testbed.collect(name: "t", facts: facts, runId: "r", commit: nil)
        let like = Testbed.collect(name: "t", facts: facts, runId: "r", commit: nil, coresLike: 32)
        XCTAssertNil(own.fields["coresLike"], "without it, fingerprints stay as they were")
        XCTAssertEqual(like.fields["coresLike"], "32")
        XCTAssertNotEqual(own.fingerprint, like.fingerprint)
    }
}
