import XCTest
import Foundation
import Synchronization
@testable import MemoryProbe

/// The sampler thins its buffer while the main thread reads it at a phase end: a reader must
/// never pair one sample's time with another's RSS, nor miss a sample that was in its window.
final class SamplerThinningRaceTests: XCTestCase {
    func testReadingWhileTheBufferIsThinnedSeesNoTornPairs() throws {
        // 16 slots thin every 8 samples: hundreds of thousands of thinnings under the reader.
        let sampler = try XCTUnwrap(RssSampler(intervalMs: 1, capacity: 16))
        let done = Flag()
        let writer = Thread {
            // Sample i: at i µs, with i KiB (so a torn pair shows as RSS ≠ time).
            var i: UInt32 = 1
            while !done.value.load(ordering: .relaxed) {
                sampler.append(kib: i, micros: i)
                i &+= 1
                if i == UInt32.max { i = 1 }
                // A few microseconds between samples, so that reads overlap thinnings often
                // without every read overlapping one.
                for _ in 0..<20 { sched_yield() }
            }
        }
        writer.start()
        while sampler.count.load(ordering: .relaxed) < 16 { sched_yield() }
        defer { done.value.store(true, ordering: .relaxed) }
        var reads = 0
        let until = Date().addingTimeInterval(1.0)
        while Date() < until {
            for (seconds, bytes) in sampler.samples() {
                let micros = Int((seconds * 1e6).rounded())
                XCTAssertEqual(bytes, micros * 1024, "a torn pair: \(micros) µs with \(bytes / 1024) KiB")
                if bytes != micros * 1024 { return }
            }
            // Every sample in [0, t] has RSS ≤ t: a larger maximum is another sample's RSS.
            let t = Double(reads % 1_000_000) / 1e6
            if let peak = sampler.maximum(from: 0, to: t) {
                XCTAssertLessThanOrEqual(peak / 1024, Int((t * 1e6).rounded()))
                if peak / 1024 > Int((t * 1e6).rounded()) { return }
            }
            // Half the buffer at least survives every thinning.
            XCTAssertGreaterThanOrEqual(sampler.samples().count, 8)
            reads += 1
        }
        XCTAssertGreaterThan(reads, 100)
    }
}

final class Flag: @unchecked Sendable {
    let value = Atomic<Bool>(false)
}
