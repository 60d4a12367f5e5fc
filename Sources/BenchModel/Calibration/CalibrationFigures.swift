import Foundation

/// What `bench doctor --calibrate` measured about the instrument on this machine: the noise
/// floor, how exact a phase peak and a phase delta are, and what the measuring costs. Written to
/// `calibration.json` in the cache folder; every report made on the machine carries it.
public struct CalibrationFigures: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1
    public static let fileName = RunFolder.calibrationFileName

    public var schemaVersion: Int
    public var measuredAt: String
    public var kernel: String
    /// `release` or `debug`: debug workers cost more CPU and start slower.
    public var buildConfiguration: String
    public var floor: NoiseFloor
    public var counterPrecision: CounterPrecision?
    public var spikes: [Spike]
    public var knownSizes: [KnownSize]
    public var overhead: Overhead
    /// The smallest difference between two cells that reports may call beyond noise (see
    /// `CalibrationFigures.derivedNoiseFloor`).
    public var noiseFloorBytes: Int

    /// `null`: phases that do nothing.
    public struct NoiseFloor: Codable, Sendable, Equatable {
        public var phases: Int
        public var largestRssDeltaBytes: Int
        public var largestPeakDeltaBytes: Int
        public var medianRssDeltaBytes: Int

        public init(phases: Int, largestRssDeltaBytes: Int, largestPeakDeltaBytes: Int, medianRssDeltaBytes: Int) {
            self.phases = phases
            self.largestRssDeltaBytes = largestRssDeltaBytes
            self.largestPeakDeltaBytes = largestPeakDeltaBytes
            self.medianRssDeltaBytes = medianRssDeltaBytes
        }
    }

    /// The kernel's RSS counters against a page-table walk, from the `null` scenario.
    public struct CounterPrecision: Codable, Sendable, Equatable {
        /// Largest |VmRSS − smaps_rollup Rss| seen.
        public var statusVsPageWalkMaxKiB: Int
        /// Largest |VmHWM − VmRSS| right after a clear_refs reset.
        public var hwmAfterResetVsRssMaxKiB: Int

        public init(statusVsPageWalkMaxKiB: Int, hwmAfterResetVsRssMaxKiB: Int) {
            self.statusVsPageWalkMaxKiB = statusVsPageWalkMaxKiB
            self.hwmAfterResetVsRssMaxKiB = hwmAfterResetVsRssMaxKiB
        }
    }

    /// `spike`: SIZE MiB allocated, touched and freed inside one phase.
    public struct Spike: Codable, Sendable, Equatable {
        public var allocator: String
        public var intervalMs: Double
        public var spikeBytes: Int
        /// The phase peak (VmHWM reset at the phase start) over the phase's starting RSS.
        public var peakDeltaBytes: Int
        /// The sampler's largest reading in the phase, over the phase's starting RSS.
        public var sampledPeakDeltaBytes: Int?
        /// The next (empty) phase's peak over its start: near zero when the reset works.
        public var afterPhasePeakDeltaBytes: Int
        /// From the last page written to the call of `free`.
        public var heldAfterTouchMicros: Int?
        /// Allocating and writing every page; and `free` handing them back.
        public var touchMicros: Int?
        public var freeMicros: Int?
        public var peakErrorPercent: Double { Double(peakDeltaBytes - spikeBytes) / Double(spikeBytes) * 100 }
        public var sampledErrorPercent: Double? {
            sampledPeakDeltaBytes.map { Double($0 - spikeBytes) / Double(spikeBytes) * 100 }
        }

        public init(allocator: String, intervalMs: Double, spikeBytes: Int, peakDeltaBytes: Int, sampledPeakDeltaBytes: Int? = nil, afterPhasePeakDeltaBytes: Int, heldAfterTouchMicros: Int? = nil, touchMicros: Int? = nil, freeMicros: Int? = nil) {
            self.allocator = allocator
            self.intervalMs = intervalMs
            self.spikeBytes = spikeBytes
            self.peakDeltaBytes = peakDeltaBytes
            self.sampledPeakDeltaBytes = sampledPeakDeltaBytes
            self.afterPhasePeakDeltaBytes = afterPhasePeakDeltaBytes
            self.heldAfterTouchMicros = heldAfterTouchMicros
            self.touchMicros = touchMicros
            self.freeMicros = freeMicros
        }
    }

    /// `known-size`: SIZE MiB allocated and touched in one phase.
    public struct KnownSize: Codable, Sendable, Equatable {
        public var allocator: String
        public var requestedBytes: Int
        public var deltaBytes: Int
        public var errorPercent: Double { Double(deltaBytes - requestedBytes) / Double(requestedBytes) * 100 }

        public init(allocator: String, requestedBytes: Int, deltaBytes: Int) {
            self.allocator = allocator
            self.requestedBytes = requestedBytes
            self.deltaBytes = deltaBytes
        }
    }

    public struct Overhead: Codable, Sendable, Equatable {
        /// CPU time of an idle worker over wall time, in % of one core, per sampling interval;
        /// `0` is the sampler off (what an idle worker costs without it).
        public var idleCPUPercentByIntervalMs: [String: Double]
        /// A thread that only wakes every 1 ms (no sampler): the platform's share of the
        /// sampler's cost (timer interrupt and scheduling; dear in a virtual machine).
        public var bareWakeCPUPercent1ms: Double?
        public var cpuBoundWallSecondsSamplerOn: [Double]
        public var cpuBoundWallSecondsSamplerOff: [Double]
        /// The worker's RSS before its first phase (the baseline every figure is measured over).
        public var workerFloorBytes: Int
        public var workerFloorAnonBytes: Int?
        public var workerFloorFileBytes: Int?
        /// Resident bytes per mapped object of an idle worker (from /proc/PID/smaps), largest first.
        public var workerFloorByObject: [ObjectFootprint]
        /// Spawn to exit of a worker that runs a few empty phases, per run.
        public var processRunSeconds: [Double]

        /// Median wall time with the sampler on over off (1.01 = 1 % slower).
        public var samplerWallRatio: Double? {
            guard let on = median(cpuBoundWallSecondsSamplerOn), let off = median(cpuBoundWallSecondsSamplerOff), off > 0 else { return nil }
            return on / off
        }

        public init(idleCPUPercentByIntervalMs: [String: Double], bareWakeCPUPercent1ms: Double? = nil, cpuBoundWallSecondsSamplerOn: [Double], cpuBoundWallSecondsSamplerOff: [Double], workerFloorBytes: Int, workerFloorAnonBytes: Int? = nil, workerFloorFileBytes: Int? = nil, workerFloorByObject: [ObjectFootprint], processRunSeconds: [Double]) {
            self.idleCPUPercentByIntervalMs = idleCPUPercentByIntervalMs
            self.bareWakeCPUPercent1ms = bareWakeCPUPercent1ms
            self.cpuBoundWallSecondsSamplerOn = cpuBoundWallSecondsSamplerOn
            self.cpuBoundWallSecondsSamplerOff = cpuBoundWallSecondsSamplerOff
            self.workerFloorBytes = workerFloorBytes
            self.workerFloorAnonBytes = workerFloorAnonBytes
            self.workerFloorFileBytes = workerFloorFileBytes
            self.workerFloorByObject = workerFloorByObject
            self.processRunSeconds = processRunSeconds
        }
    }

    public struct ObjectFootprint: Codable, Sendable, Equatable {
        public var object: String
        public var residentBytes: Int

        public init(object: String, residentBytes: Int) {
            self.object = object
            self.residentBytes = residentBytes
        }
    }

    /// The noise floor reports use: the largest error the instrument showed against a known
    /// answer (a `null` phase's RSS or peak delta, the kernel counters' disagreement with a page
    /// walk, a `known-size` phase's distance from its size), rounded up to a page, and never
    /// less than one page.
    public static func derivedNoiseFloor(floor: NoiseFloor, precision: CounterPrecision?, knownSizes: [KnownSize] = [],
                                         pageBytes: Int) -> Int {
        let counters = precision.map { max($0.statusVsPageWalkMaxKiB, $0.hwmAfterResetVsRssMaxKiB) * 1024 } ?? 0
        let known = knownSizes.map { abs($0.deltaBytes - $0.requestedBytes) }.max() ?? 0
        let largest = max(floor.largestRssDeltaBytes, floor.largestPeakDeltaBytes, counters, known, pageBytes)
        return (largest + pageBytes - 1) / pageBytes * pageBytes
    }

    /// The figures saved in `directory`, or nil when none were measured (or they are unreadable).
    public static func load(fromDirectory directory: String) -> CalibrationFigures? {
        let path = "\(directory)/\(fileName)"
        guard let data = FileManager.default.contents(atPath: path),
              let figures = try? JSONDecoder().decode(CalibrationFigures.self, from: data),
              figures.schemaVersion == currentSchemaVersion else { return nil }
        return figures
    }

    /// Writes `calibration.json` into `directory` atomically; returns its path.
    @discardableResult
    public func save(toDirectory directory: String) throws -> String {
        let path = "\(directory)/\(Self.fileName)"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try JSONCoding.encoder(pretty: true).encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw BenchError.io("cannot write \(path): \(error.localizedDescription)")
        }
        return path
    }

    public init(schemaVersion: Int, measuredAt: String, kernel: String, buildConfiguration: String, floor: NoiseFloor, counterPrecision: CounterPrecision? = nil, spikes: [Spike], knownSizes: [KnownSize], overhead: Overhead, noiseFloorBytes: Int) {
        self.schemaVersion = schemaVersion
        self.measuredAt = measuredAt
        self.kernel = kernel
        self.buildConfiguration = buildConfiguration
        self.floor = floor
        self.counterPrecision = counterPrecision
        self.spikes = spikes
        self.knownSizes = knownSizes
        self.overhead = overhead
        self.noiseFloorBytes = noiseFloorBytes
    }
}

public func median(_ values: [Double]) -> Double? { Summary(values)?.median }
