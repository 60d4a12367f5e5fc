import Foundation
import MemoryProbe
import BenchModel
import Suite

/// Runs the calibration scenarios in fresh workers and turns their records into
/// `CalibrationFigures`. About 20–40 s in a release build.
public struct Calibrator {
    public struct Plan: Sendable {
        public var nullRuns = 5
        public var nullPhases = 8
        public var spikeMiB = 256
        public var knownSizesMiB = [16, 128, 1024]
        /// Configurations for `known-size` (glibc and jemalloc, as the issue asks).
        public var knownSizeAllocators = ["glibc", "jemalloc-preload"]
        public var idleMs = 1_000
        public var cpuBoundMillions = 200
        public var cpuBoundPairs = 8
        public init() {}
    }

    public var worker: CalibrationWorker
    public var configurations: [AllocatorConfiguration]
    public var plan: Plan
    public var buildConfiguration: String
    public var say: (String) -> Void

    public init(worker: CalibrationWorker, configurations: [AllocatorConfiguration] = AllocatorConfiguration.builtIn(),
                plan: Plan = Plan(), buildConfiguration: String, say: @escaping (String) -> Void) {
        self.worker = worker
        self.configurations = configurations
        self.plan = plan
        self.buildConfiguration = buildConfiguration
        self.say = say
    }

    func configuration(_ name: String) throws -> AllocatorConfiguration {
        guard let found = configurations.first(where: { $0.name == name }) else {
            throw CalibrationWorker.Failure(description: "no allocator configuration \(name)")
        }
        return found
    }

    func verifiedRun(_ scenario: String, variant: String, size: Int, allocator: String, intervalMs: Double = 1,
                     sampler: Bool = true, parameters: [String: String] = [:],
                     onTick: ((pid_t, Double) -> ChildProcess.TickAction)? = nil) throws -> CalibrationWorker.Run {
        let configuration = try configuration(allocator)
        let run = try worker.run(scenario, variant: variant, size: size, configuration: configuration, intervalMs: intervalMs,
                                 sampler: sampler, parameters: parameters, onTick: onTick)
        guard run.verified else {
            throw CalibrationWorker.Failure(description: "\(scenario) under \(allocator): the worker found \(run.record.allocator.kind.rawValue), not the configured allocator")
        }
        return run
    }

    public func measure() throws -> CalibrationFigures {
        let null = try measureEmptyPhases()
        let spikes = try measureSpikes()
        let knownSizes = try measureKnownSizes()
        let overhead = try measureOverhead(processRunSeconds: null.processSeconds)
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return CalibrationFigures(
            schemaVersion: CalibrationFigures.currentSchemaVersion, measuredAt: ISO8601DateFormatter().string(from: Date()),
            kernel: release, buildConfiguration: buildConfiguration, floor: null.floor, counterPrecision: null.precision,
            spikes: spikes, knownSizes: knownSizes, overhead: overhead,
            noiseFloorBytes: CalibrationFigures.derivedNoiseFloor(floor: null.floor, precision: null.precision, knownSizes: knownSizes,
                                                                  pageBytes: pageSize))
    }

    /// `null`: phases that do nothing, so whatever RSS moves is the instrument's noise.
    func measureEmptyPhases() throws -> (floor: CalibrationFigures.NoiseFloor, precision: CalibrationFigures.CounterPrecision?,
                                         processSeconds: [Double]) {
        say("calibration: null (\(plan.nullRuns) runs × \(plan.nullPhases) empty phases)")
        var deltas: [Int] = []
        var peaks: [Int] = []
        var precision: CalibrationFigures.CounterPrecision?
        var processSeconds: [Double] = []
        for _ in 0..<plan.nullRuns {
            let run = try verifiedRun("null", variant: "empty", size: plan.nullPhases, allocator: "glibc")
            processSeconds.append(run.processWallSeconds)
            for phase in run.record.phases {
                deltas.append(abs(phase.rssBytes - phase.startRssBytes))
                peaks.append(phase.peakBytes - phase.startRssBytes)
            }
            if let walk = run.record.checks["statusRssVsPageWalkMaxKiB"], let hwm = run.record.checks["hwmAfterResetVsRssMaxKiB"] {
                precision = CalibrationFigures.CounterPrecision(
                    statusVsPageWalkMaxKiB: max(walk, precision?.statusVsPageWalkMaxKiB ?? 0),
                    hwmAfterResetVsRssMaxKiB: max(hwm, precision?.hwmAfterResetVsRssMaxKiB ?? 0))
            }
        }
        let floor = CalibrationFigures.NoiseFloor(
            phases: deltas.count, largestRssDeltaBytes: deltas.max() ?? 0, largestPeakDeltaBytes: peaks.max() ?? 0,
            medianRssDeltaBytes: Int(median(deltas.map(Double.init)) ?? 0))
        return (floor, precision, processSeconds)
    }

    /// `spike`: a short spike, caught by the phase's peak and by the sampler at 1 and 10 ms.
    func measureSpikes() throws -> [CalibrationFigures.Spike] {
        try [1.0, 10.0].map { interval in
            say("calibration: spike of \(plan.spikeMiB) MiB, sampler every \(formatMs(interval))")
            let run = try verifiedRun("spike", variant: "spike", size: plan.spikeMiB, allocator: "glibc", intervalMs: interval)
            return try Self.spike(from: run.record, allocator: "glibc", intervalMs: interval)
        }
    }

    /// `known-size`: known allocations under glibc and jemalloc, against the RSS they add.
    func measureKnownSizes() throws -> [CalibrationFigures.KnownSize] {
        var knownSizes: [CalibrationFigures.KnownSize] = []
        for allocator in plan.knownSizeAllocators {
            for mebibytes in plan.knownSizesMiB {
                say("calibration: known-size \(mebibytes) MiB under \(allocator)")
                let run = try verifiedRun("known-size", variant: "touched", size: mebibytes, allocator: allocator)
                knownSizes.append(try Self.knownSize(from: run.record, allocator: allocator))
            }
        }
        return knownSizes
    }

    /// What measuring costs: the sampler's CPU while the worker idles (and what each library
    /// keeps resident meanwhile), and a CPU-bound loop with the sampler on and off.
    func measureOverhead(processRunSeconds: [Double]) throws -> CalibrationFigures.Overhead {
        say("calibration: sampler cost while idle (\(plan.idleMs) ms at 1 ms, 10 ms and off)")
        var idleCPU: [String: Double] = [:]
        var footprint: [CalibrationFigures.ObjectFootprint] = []
        var floorRun: WorkerRecord?
        for (key, interval, sampler) in [("1", 1.0, true), ("10", 10.0, true), ("0", 1.0, false)] {
            // While the worker sleeps, read its smaps from outside: what each library keeps resident.
            var seen: [CalibrationFigures.ObjectFootprint] = []
            let run = try verifiedRun("null", variant: "idle", size: 1, allocator: "glibc", intervalMs: interval, sampler: sampler,
                                      parameters: ["idle-ms": "\(plan.idleMs)"]) { pid, elapsed in
                if seen.isEmpty && elapsed > 0.2 { seen = ProcessFootprint.read(pid: pid) ?? [] }
                return .keepRunning
            }
            guard let idle = run.record.phase("idle"), idle.wallSeconds > 0 else {
                throw CalibrationWorker.Failure(description: "null idle recorded no idle phase")
            }
            idleCPU[key] = idle.cpuSeconds / idle.wallSeconds * 100
            if key == "1" { footprint = seen; floorRun = run.record }
        }
        let tick = try verifiedRun("null", variant: "tick", size: 1, allocator: "glibc", sampler: false,
                                   parameters: ["idle-ms": "\(plan.idleMs)"])
        let bareWake = tick.record.phase("tick").flatMap { $0.wallSeconds > 0 ? $0.cpuSeconds / $0.wallSeconds * 100 : nil }
        let (on, off) = try measureCPUBound()
        let baseline = floorRun?.baseline.status
        return CalibrationFigures.Overhead(
            idleCPUPercentByIntervalMs: idleCPU, bareWakeCPUPercent1ms: bareWake, cpuBoundWallSecondsSamplerOn: on, cpuBoundWallSecondsSamplerOff: off,
            workerFloorBytes: baseline?.rssBytes ?? 0, workerFloorAnonBytes: baseline?.rssAnonBytes,
            workerFloorFileBytes: baseline?.rssFileBytes, workerFloorByObject: footprint, processRunSeconds: processRunSeconds)
    }

    /// `cpu-bound` with the sampler on and off side by side, the wall times of each.
    func measureCPUBound() throws -> (on: [Double], off: [Double]) {
        // A debug build runs the loop about 100 times slower: keep the run short there.
        let rounds = buildConfiguration == "debug" ? max(1, plan.cpuBoundMillions / 50) : plan.cpuBoundMillions
        say("calibration: cpu-bound (\(rounds) million rounds), sampler on and off side by side (\(plan.cpuBoundPairs) pairs)")
        var on: [Double] = []
        var off: [Double] = []
        for pair in 0..<plan.cpuBoundPairs {
            // Alternate which goes first, so a drift in machine load falls on both sides.
            for sampler in pair % 2 == 0 ? [true, false] : [false, true] {
                let run = try verifiedRun("cpu-bound", variant: "hash", size: rounds, allocator: "glibc", sampler: sampler)
                let wall = run.record.phase("compute")?.wallSeconds ?? run.record.phasesWallSeconds
                if sampler { on.append(wall) } else { off.append(wall) }
            }
        }
        return (on, off)
    }

    /// The spike figure of a `spike` record.
    public static func spike(from record: WorkerRecord, allocator: String, intervalMs: Double) throws -> CalibrationFigures.Spike {
        guard let spike = record.phase("spike"), let after = record.phase("after"), let bytes = record.checks["spikeBytes"] else {
            throw CalibrationWorker.Failure(description: "the spike record lacks its phases or checks")
        }
        return CalibrationFigures.Spike(
            allocator: allocator, intervalMs: intervalMs, spikeBytes: bytes, peakDeltaBytes: spike.peakBytes - spike.startRssBytes,
            sampledPeakDeltaBytes: spike.sampledPeakBytes.map { $0 - spike.startRssBytes },
            afterPhasePeakDeltaBytes: after.peakBytes - after.startRssBytes, heldAfterTouchMicros: record.checks["heldAfterTouchMicros"],
            touchMicros: record.checks["touchMicros"], freeMicros: record.checks["freeMicros"])
    }

    /// The known-size figure of a `known-size` record.
    public static func knownSize(from record: WorkerRecord, allocator: String) throws -> CalibrationFigures.KnownSize {
        guard let allocate = record.phase("allocate"), let bytes = record.checks["allocatedBytes"] else {
            throw CalibrationWorker.Failure(description: "the known-size record lacks its allocate phase or check")
        }
        return CalibrationFigures.KnownSize(allocator: allocator, requestedBytes: bytes, deltaBytes: allocate.rssBytes - allocate.startRssBytes)
    }
}
