import XCTest
@testable import MemoryProbe

final class GlibcMallocInfoTests: XCTestCase {
    /// Shape of glibc 2.36's output with two arenas (trimmed to the parts that matter).
    let twoArenas = """
        <malloc version="1">
        <heap nr="0">
        <sizes>
          <size from="33" to="48" total="48" count="1"/>
        </sizes>
        <total type="fast" count="1" size="48"/>
        <total type="rest" count="3" size="1000"/>
        <system type="current" size="135168"/>
        <system type="max" size="135168"/>
        <aspace type="total" size="135168"/>
        <aspace type="mprotect" size="135168"/>
        </heap>
        <heap nr="1">
        <sizes>
        </sizes>
        <total type="fast" count="0" size="0"/>
        <total type="rest" count="1" size="2000"/>
        <system type="current" size="200000"/>
        <system type="max" size="200000"/>
        <aspace type="total" size="200000"/>
        <aspace type="mprotect" size="200000"/>
        </heap>
        <total type="fast" count="1" size="48"/>
        <total type="rest" count="4" size="3000"/>
        <total type="mmap" count="2" size="4194304"/>
        <system type="current" size="335168"/>
        <system type="max" size="335168"/>
        <aspace type="total" size="335168"/>
        <aspace type="mprotect" size="335168"/>
        </malloc>
        """

    func testTotalsComeFromAfterTheLastArenaNotTheFirst() throws {
        let info = try XCTUnwrap(GlibcMallocInfo.parse(twoArenas))
        XCTAssertEqual(info.arenas, 2)
        XCTAssertEqual(info.freeBytes, 3048)
        XCTAssertEqual(info.systemCurrentBytes, 335_168)
        XCTAssertEqual(info.mmapBytes, 4_194_304)
        XCTAssertEqual(info.liveBytes, 335_168 - 3048 + 4_194_304)
    }

    func testNotMallocInfoIsRejected() {
        XCTAssertNil(GlibcMallocInfo.parse("<html></html>"))
        XCTAssertNil(GlibcMallocInfo.parse("<malloc version=\"1\"><heap nr=\"0\"></heap></malloc>"))
    }

    func testThisProcessReportsAtLeastOneArenaAndLiveBytes() throws {
        let probe = AllocatorProbe()
        guard probe.identity.kind == .glibc else { throw XCTSkip("test process is not on glibc malloc") }
        let stats = try XCTUnwrap(probe.stats())
        XCTAssertGreaterThanOrEqual(stats.arenas ?? 0, 1)
        let before = try XCTUnwrap(stats.liveBytes)
        let block = UnsafeMutableRawPointer.allocate(byteCount: 64 << 20, alignment: 64)
        defer { block.deallocate() }
        block.initializeMemory(as: UInt8.self, repeating: 1, count: 64 << 20)
        let after = try XCTUnwrap(probe.stats()?.liveBytes)
        XCTAssertGreaterThan(after - before, 60 << 20, "a live 64 MiB block must show in live bytes")
    }
}
