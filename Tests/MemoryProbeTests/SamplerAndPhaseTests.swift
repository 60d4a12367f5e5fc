import XCTest
@testable import MemoryProbe

final class SamplerAndPhaseTests: XCTestCase {
    func testSamplerSeesAHeldAllocationAndThinsWhenFull() throws {
        let sampler = try XCTUnwrap(RssSampler(intervalMs: 0.2, capacity: 64))
        XCTAssertTrue(sampler.start())
        let size = 96 << 20
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
        block.initializeMemory(as: UInt8.self, repeating: 7, count: size)
        usleep(60_000)
        let start = try XCTUnwrap(sampler.samples().first?.rssBytes)
        block.deallocate()
        usleep(20_000)
        sampler.stop()
        let samples = sampler.samples()
        XCTAssertLessThanOrEqual(samples.count, 64)
        XCTAssertGreaterThan(sampler.effectiveIntervalMs, sampler.requestedIntervalMs, "a full buffer doubles the interval")
        let top = try XCTUnwrap(samples.map(\.rssBytes).max())
        XCTAssertGreaterThan(top - start, 80 << 20)
        XCTAssertEqual(samples.map(\.seconds), samples.map(\.seconds).sorted(), "time only moves forward")
    }

    func testPhasePeakCatchesAnAllocationFreedBeforeThePhaseEnds() throws {
        let status = try XCTUnwrap(ProcFile(path: "/proc/self/status"))
        let sampler = try XCTUnwrap(RssSampler(intervalMs: 50))
        let reset = PeakResetter()
        guard reset.isAvailable else { throw XCTSkip("clear_refs is not writable here: \(reset.failure ?? "")") }
        let recorder = PhaseRecorder(status: status, peakReset: reset, sampler: sampler, allocator: AllocatorProbe())
        XCTAssertTrue(sampler.start())
        defer { sampler.stop() }
        try recorder.begin("spike")
        let size = 128 << 20
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
        block.initializeMemory(as: UInt8.self, repeating: 3, count: size)
        blackHole(block.load(fromByteOffset: size - 1, as: UInt8.self))
        block.deallocate()
        try recorder.end()
        try recorder.begin("quiet")
        try recorder.end()
        let spike = try XCTUnwrap(recorder.phases.first)
        XCTAssertGreaterThan(spike.peakBytes - spike.startRssBytes, 120 << 20, "VmHWM reset per phase sees the freed spike")
        let quiet = try XCTUnwrap(recorder.phases.last)
        XCTAssertLessThan(quiet.peakBytes - quiet.startRssBytes, 16 << 20, "the next phase's peak starts from its own RSS")
    }
}
