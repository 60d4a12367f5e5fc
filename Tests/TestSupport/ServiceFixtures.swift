import Foundation
import BenchModel
import MemoryProbe
import Statistics

/// Runs of services with a known RSS curve: a `server-soak` run (its warm-up phase, ten steady
/// slices, drain, settle, trim) and a `bench exec --duration` run (start-up, `serve`,
/// `shutdown`), each with a dense series so the steady state can be read from it. The curve is
/// a function of the seconds since the window began, plus seeded Gaussian noise.
public enum ServiceFixtures {
    public static let mib = Double(Fixtures.mib)

    /// Seeded Gaussian noise (Box–Muller): the same series on every machine.
    public static func noise(seed: UInt64, count: Int, sigma: Double) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let u = max(Double.leastNonzeroMagnitude, Double.random(in: 0..<1, using: &generator))
            let v = Double.random(in: 0..<1, using: &generator)
            return sigma * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
    }

    static func series(from start: Double, to end: Double, step: Double, windowStart: Double, seed: UInt64, sigma: Double,
                       rss: (Double) -> Double) -> [(seconds: Double, rssBytes: Int)] {
        let times = stride(from: start, through: end, by: step).map { $0 }
        let jitter = noise(seed: seed, count: times.count, sigma: sigma)
        return zip(times, jitter).map { time, noise in (time, Int(rss(max(0, time - windowStart)) + noise)) }
    }

    /// A soak of 40,000 requests (4,000 a second): warm-up 0–1 s, slices of 1 s to 11 s, RSS
    /// `rss(seconds since the window began)` from 10 ms samples.
    public static func soakRun(_ allocator: String, repetition: Int, sigma: Double = 32 * 1024,
                               arenas: Int? = nil, rss: (Double) -> Double) -> RunResult {
        let samples = series(from: 0, to: 12, step: 0.01, windowStart: 1, seed: UInt64(repetition * 7919 + allocator.count), sigma: sigma, rss: rss)
        func at(_ time: Double) -> Int { samples.last { $0.seconds <= time + 1e-9 }?.rssBytes ?? Fixtures.baselineBytes }
        func phase(_ name: String, from start: Double, to end: Double) -> PhaseRecord {
            var phase = PhaseRecord.fixture(name, start: start, wallSeconds: end - start, peakBytes: at(end) - Fixtures.baselineBytes,
                                            endBytes: at(end) - Fixtures.baselineBytes)
            phase.startRssBytes = at(start)
            return phase
        }
        var phases = [phase("warm-up", from: 0, to: 1)]
        var checks = ["steadyRequests": 40_000, "requestsPerSecond": 4_000]
        for slice in 1...SteadyWindow.slices {
            phases.append(phase(SteadyWindow.phase(slice), from: Double(slice), to: Double(slice + 1)))
            checks[SteadyWindow.requestsCheck(slice)] = 4_000 * slice
        }
        phases += [phase("drain", from: 11, to: 11.3), phase("settle", from: 11.3, to: 11.8), phase("trim", from: 11.8, to: 12)]
        if let arenas { checks["arenas"] = arenas }
        let kind: AllocatorKind = allocator.hasPrefix("jemalloc") ? .jemalloc : .glibc
        var record = WorkerRecord.fixture(scenario: "server-soak", variant: "threaded", size: 40_000, kind: kind, phases: phases, checks: checks)
        record.series = RssSeries(requestedIntervalMs: 10, effectiveIntervalMs: 10, samples: samples, maxPoints: 2_000)
        return .fixture(record, allocator: allocator, repetition: repetition)
    }

    /// A `bench exec --duration 60s` run of `scenario`: start-up 0–2 s, `serve` 2–62 s, `shutdown`
    /// 62–62.5 s, RSS `rss(seconds since ready)` from 20 ms samples, whole RSS (no markers: baseline 0);
    /// `requests`: what the load served in the window (nil: not known).
    public static func serviceRun(_ allocator: String, repetition: Int, scenario: String = "hummingbird",
                                  sigma: Double = 64 * 1024, requests: Int? = nil, rss: (Double) -> Double) -> RunResult {
        let samples = series(from: 0, to: 62.5, step: 0.02, windowStart: 2, seed: UInt64(repetition * 104_729 + allocator.count), sigma: sigma, rss: rss)
        func at(_ time: Double) -> Int { samples.last { $0.seconds <= time + 1e-9 }?.rssBytes ?? 0 }
        func phase(_ name: String, from start: Double, to end: Double) -> PhaseRecord {
            let peak = samples.filter { $0.seconds >= start && $0.seconds <= end }.map(\.rssBytes).max() ?? 0
            var phase = PhaseRecord.fixture(name, start: start, wallSeconds: end - start, baselineBytes: 0, peakBytes: peak, endBytes: at(end))
            phase.startRssBytes = at(start)
            return phase
        }
        let phases = [phase("start", from: 0, to: 2), phase(ExecService.servePhase, from: 2, to: 62), phase(ExecService.shutdownPhase, from: 62, to: 62.5)]
        let kind: AllocatorKind = allocator.hasPrefix("jemalloc") ? .jemalloc : .glibc
        var record = WorkerRecord.fixture(scenario: scenario, variant: "command", size: 0, kind: kind, baselineBytes: 0, phases: phases)
        record.series = RssSeries(requestedIntervalMs: 20, effectiveIntervalMs: 20, samples: samples, maxPoints: 2_000)
        var run = RunResult.fixture(record, allocator: allocator, repetition: repetition)
        var exec = ExecFacts(command: [".build/release/hummingbird-service", "18810"])
        var service = ExecServiceFacts(measure: .tree, durationSeconds: 60)
        service.readySeconds = 2
        service.readyBy = "ready command"
        service.ending = "SIGTERM after the duration"
        service.requests = requests
        exec.service = service
        run.exec = exec
        return run
    }
}
