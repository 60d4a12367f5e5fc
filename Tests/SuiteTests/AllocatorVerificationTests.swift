import XCTest
import MemoryProbe
@testable import BenchModel
@testable import Reporting
@testable import Suite

final class AllocatorVerificationTests: XCTestCase {
    let jemallocPreload = AllocatorConfiguration(
        name: "jemalloc-preload", summary: "", environment: ["LD_PRELOAD": "/nonexistent/libjemalloc.so.2"],
        expectedKind: .jemalloc, preloadLibrary: "/nonexistent/libjemalloc.so.2", package: "libjemalloc2")

    func glibcIdentity() -> AllocatorIdentity {
        AllocatorIdentity(kind: .glibc, version: "2.36", mallocProvider: "/lib/x86_64-linux-gnu/libc.so.6",
                          mappedLibraries: [], evidence: [])
    }

    func testGlibcUnderAJemallocNameFailsAndSaysTheLoaderFellBack() throws {
        let failure = try XCTUnwrap(AllocatorVerification.failure(of: jemallocPreload, identity: glibcIdentity(), arenasSeen: 1))
        XCTAssertTrue(failure.contains("expected jemalloc"), failure)
        XCTAssertTrue(failure.contains("libc.so.6"), failure)
        XCTAssertTrue(failure.contains("does not exist"), failure)
    }

    func testJemallocWithoutTheLibraryMappedFails() throws {
        let identity = AllocatorIdentity(kind: .jemalloc, version: "5.3.0", mallocProvider: "/elsewhere/libjemalloc.so.2",
                                         mappedLibraries: ["/elsewhere/libjemalloc.so.2"], evidence: [])
        let failure = try XCTUnwrap(AllocatorVerification.failure(of: jemallocPreload, identity: identity, arenasSeen: nil))
        XCTAssertTrue(failure.contains("not mapped"), failure)
    }

    func testArenaCountAboveTheLimitFails() throws {
        let two = AllocatorConfiguration(name: "glibc-arenas-2", summary: "", environment: ["MALLOC_ARENA_MAX": "2"],
                                         expectedKind: .glibc, arenaLimit: 2)
        XCTAssertNil(AllocatorVerification.failure(of: two, identity: glibcIdentity(), arenasSeen: 2))
        let failure = try XCTUnwrap(AllocatorVerification.failure(of: two, identity: glibcIdentity(), arenasSeen: 9))
        XCTAssertTrue(failure.contains("9 arenas"), failure)
    }

    func testProofNamesTheVersionAndTheEvidence() {
        let identity = AllocatorIdentity(kind: .jemalloc, version: "5.3.0-0-g54eaed1d8b56", mallocProvider: "/usr/lib/libjemalloc.so.2",
                                         mappedLibraries: [], evidence: [])
        let linked = AllocatorConfiguration(name: "jemalloc-linked", summary: "", worker: .jemallocLinked, expectedKind: .jemalloc)
        let proof = AllocatorVerification.proof(of: linked, identity: identity, arenasSeen: nil)
        XCTAssertTrue(proof.hasPrefix("jemalloc 5.3.0 ("), proof)
        XCTAssertTrue(proof.contains("malloc in libjemalloc.so.2"), proof)
    }

    func testCoresLikeIsProvedInsideTheWorkerAndAnotherCapFails() throws {
        let glibc = AllocatorConfiguration(name: "glibc", summary: "", expectedKind: .glibc).likeCores(32)
        var identity = glibcIdentity()
        identity.arenaMax = "256"
        XCTAssertNil(AllocatorVerification.failure(of: glibc, identity: identity, arenasSeen: 40))
        XCTAssertEqual(AllocatorVerification.failure(of: glibc, identity: identity, arenasSeen: 300),
                       "glibc: glibc used 300 arenas, above MALLOC_ARENA_MAX=256")
        identity.arenaMax = nil
        XCTAssertEqual(AllocatorVerification.failure(of: glibc, identity: identity, arenasSeen: 1),
                       "glibc: --cores-like 32 wants MALLOC_ARENA_MAX=256, but the worker saw ''")

        let linked = AllocatorConfiguration(name: "jemalloc-linked", summary: "", worker: .jemallocLinked, expectedKind: .jemalloc).likeCores(32)
        var jemalloc = AllocatorIdentity(kind: .jemalloc, version: "5.3.0", mallocProvider: "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
                                         mappedLibraries: ["/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"], evidence: [])
        jemalloc.narenas = 128
        XCTAssertNil(AllocatorVerification.failure(of: linked, identity: jemalloc, arenasSeen: nil))
        XCTAssertTrue(AllocatorVerification.proof(of: linked, identity: jemalloc, arenasSeen: nil).contains("opt.narenas 128"))
        jemalloc.narenas = 8
        XCTAssertEqual(AllocatorVerification.failure(of: linked, identity: jemalloc, arenasSeen: nil),
                       "jemalloc-linked: --cores-like 32 wants jemalloc's opt.narenas at 128, but the worker reports 8")
    }
}
