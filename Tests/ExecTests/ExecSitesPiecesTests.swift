import XCTest
@testable import BenchModel
@testable import Suite
@testable import Exec

/// The parts of `bench exec --sites` that need no process: which of jemalloc's dumps are the
/// peak's and the exit's, what a dump says of its process, and native stacks folded into sites.
final class ExecSitesPiecesTests: XCTestCase {
    func testTheLastHighWaterMarkDumpIsThePeakAndTheFinalDumpTheExitPerProcess() {
        let names = ["p.10.0.u0.heap", "p.10.2.u2.heap", "p.10.11.u11.heap", "p.10.12.f.heap",
                     "p.20.0.u0.heap", "p.20.1.f.heap", "p.30.0.f.heap", "q.10.3.u3.heap", "p.10.x.u1.heap", "notes.txt"]
        let dumps = HeapDumpFiles(names: names, prefix: "p", folder: "/f")
        XCTAssertEqual(dumps.processes, [
            .init(pid: 10, peak: "/f/p.10.11.u11.heap", exit: "/f/p.10.12.f.heap"),
            .init(pid: 20, peak: "/f/p.20.0.u0.heap", exit: "/f/p.20.1.f.heap"),
            .init(pid: 30, peak: nil, exit: "/f/p.30.0.f.heap"),
        ], "sequence 11 comes after 2 (numbers, not text); other prefixes and malformed names are not dumps")
    }

    func testADumpNamesItsBytesAndTheExecutableOfItsProcess() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("exec-sites-\(UUID().uuidString).heap")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
        heap_v2/65536
          t*: 1024: 67108864 [0: 0]
          t0: 1024: 67108864 [0: 0]
        @ 0x1 0x2
          t*: 1024: 67108864 [0: 0]

        MAPPED_LIBRARIES:
        55d0c0000000-55d0c0001000 r--p 00000000 08:01 123 /tmp/my prog
        55d0c0001000-55d0c0002000 r-xp 00001000 08:01 123 /tmp/my prog
        7f0000000000-7f0000100000 r-xp 00000000 08:01 456 /usr/lib/x86_64-linux-gnu/libc.so.6
        """.write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(HeapDumpFiles.sampledBytes(profile: file.path), 67_108_864)
        XCTAssertEqual(HeapDumpFiles.executable(profile: file.path), "/tmp/my prog", "the first mapped file, spaces kept")
        XCTAssertNil(HeapDumpFiles.executable(profile: "/nonexistent.heap"))
    }

    func testNativeStacksKeepTheirFramesAndTheSiteIsTheCallerOfTheAllocator() {
        let raw = CollapsedStacks.parse("""
        _start;__libc_start_main;main;keep_large;malloc 3000
        _start;__libc_start_main;main;keep_large;malloc 1000
        _start;__libc_start_main;main;keep_small;calloc 1000
        _dl_start_user;_dl_init;call_init;std::__throw_ios_failure(char const*, int) 500
        _start;main;bytearray___init__;PyByteArray_Resize;_PyObject_Malloc<00000000001af820>[inline];_PyObject_Malloc;malloc 400
        """)
        let folded = CollapsedStacks.foldNative(raw, names: [:])
        XCTAssertEqual(folded.map(\.site), ["keep_large", "keep_small", CollapsedStacks.nativeStartUpFrame, "PyByteArray_Resize"])
        XCTAssertEqual(folded.first?.stack, FoldedStack(frames: ["_start", "__libc_start_main", "main", "keep_large"], bytes: 4000),
                       "same frames merged, nothing folded away but the allocator")
        let sites = CollapsedStacks.sites(folded, top: 8)
        XCTAssertEqual(sites.first?.share ?? 0, 4000.0 / 5900.0, accuracy: 1e-9)
    }
}
