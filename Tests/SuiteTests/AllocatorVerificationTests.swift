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
}
