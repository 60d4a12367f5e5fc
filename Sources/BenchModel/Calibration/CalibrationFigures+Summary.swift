import Foundation

extension CalibrationFigures {
    /// The goal for a `null` phase's movement.
    public static let floorGoalBytes = 256 * 1024
    /// The tolerance for `spike` and `known-size`, in percent.
    public static let tolerancePercent = 1.0
    /// The goal for the sampler's cost at 1 ms, in percent.
    public static let samplerGoalPercent = 1.0

    /// One line per figure: a label, the figure in words, and whether it meets its goal (nil
    /// when there is no goal). Shared by `bench doctor` and the report.
    public func summaryLines() -> [(label: String, text: String, meetsGoal: Bool?)] {
        var lines: [(String, String, Bool?)] = []
        let worstFloor = max(floor.largestRssDeltaBytes, floor.largestPeakDeltaBytes)
        lines.append(("noise floor (null)", "\(floor.phases) empty phases: RSS delta at most \(kib(floor.largestRssDeltaBytes)) (median \(kib(floor.medianRssDeltaBytes))), peak delta at most \(kib(floor.largestPeakDeltaBytes)); goal ≤ \(kib(Self.floorGoalBytes))",
                      worstFloor <= Self.floorGoalBytes))
        if let precision = counterPrecision {
            lines.append(("kernel RSS counters", "VmRSS vs a page-table walk (smaps_rollup): off by at most \(precision.statusVsPageWalkMaxKiB) KiB; VmHWM right after a reset vs VmRSS: off by at most \(precision.hwmAfterResetVsRssMaxKiB) KiB", nil))
        }
        for spike in spikes {
            let sampled = spike.sampledPeakDeltaBytes.map { "\(mebibytes(Double($0), signed: true)) (\(percent(spike.sampledErrorPercent ?? 0)))" } ?? "no sample inside the phase"
            lines.append(("spike \(spike.spikeBytes >> 20) MiB, \(spike.allocator), sampler \(formatMs(spike.intervalMs))",
                          "phase peak (VmHWM) \(mebibytes(Double(spike.peakDeltaBytes), signed: true)) (\(percent(spike.peakErrorPercent))); sampler's maximum \(sampled); next phase's peak \(mebibytes(Double(spike.afterPhasePeakDeltaBytes), signed: true))"
                            + spikeTimes(spike),
                          abs(spike.peakErrorPercent) <= Self.tolerancePercent))
        }
        for known in knownSizes {
            lines.append(("known-size \(known.requestedBytes >> 20) MiB, \(known.allocator)",
                          "phase delta \(mebibytes(Double(known.deltaBytes), signed: true)) (\(percent(known.errorPercent)))",
                          abs(known.errorPercent) <= Self.tolerancePercent))
        }
        lines += samplerCPULines()
        if let ratio = overhead.samplerWallRatio, let on = Summary(overhead.cpuBoundWallSecondsSamplerOn),
           let off = Summary(overhead.cpuBoundWallSecondsSamplerOff) {
            let overlap = on.min <= off.max && off.min <= on.max
            lines.append(("sampler wall cost (cpu-bound)",
                          String(format: "on %.3f s (%.3f–%.3f) vs off %.3f s (%.3f–%.3f), %d runs each: ratio of medians %.3f, of fastest runs %.3f (%@)",
                                 on.median, on.min, on.max, off.median, off.min, off.max, on.count, ratio, on.min / off.min,
                                 overlap ? "ranges overlap: within noise" : "ranges do not overlap"),
                          ratio <= 1 + Self.samplerGoalPercent / 100 || overlap))
        }
        var floorText = "baseline RSS \(mebibytes(Double(overhead.workerFloorBytes)))"
        if let anon = overhead.workerFloorAnonBytes, let file = overhead.workerFloorFileBytes {
            floorText += " (anonymous \(mebibytes(Double(anon))), file-backed \(mebibytes(Double(file))))"
        }
        let families = ObjectFamily.byFamily(overhead.workerFloorByObject)
        if !families.isEmpty {
            floorText += "; resident by object: " + families.map { "\($0.family) \(mebibytes(Double($0.bytes)))" }.joined(separator: ", ")
        }
        lines.append(("worker floor", floorText, nil))
        if let run = Summary(overhead.processRunSeconds) {
            lines.append(("process start", String(format: "%.1f ms per run (median of %d; spawn to exit of a worker with empty phases, %.1f–%.1f ms)",
                                                  run.median * 1000, run.count, run.min * 1000, run.max * 1000), nil))
        }
        lines.append(("noise floor in reports", "\(kib(noiseFloorBytes)): differences smaller than this are never called beyond noise", nil))
        return lines
    }

    /// The sampler judged on its own work (its CPU less what a thread that only wakes as often
    /// costs: the timer's and scheduler's floor, the platform's and large in a virtual machine),
    /// the floor shown beside it, and the default schedule judged where it settles.
    func samplerCPULines() -> [(label: String, text: String, meetsGoal: Bool?)] {
        let cpu = overhead.idleCPUPercentByIntervalMs
        let off = cpu["0"] ?? 0
        let idle = [("1", "at 1 ms"), ("10", "at 10 ms"), ("0", "with the sampler off")].compactMap { key, label in
            cpu[key].map { String(format: "%.2f %% %@", $0, label) }
        }
        var lines: [(String, String, Bool?)] = []
        if let sampler = cpu["1"], let bare = overhead.bareWakeCPUPercent1ms {
            let own = max(0, sampler - bare)
            lines.append(("sampler CPU, its own work", String(format: "%.2f %% of one core at 1 ms: an idle worker's cost (%@) less the timer's floor; goal ≤ 1 %%", own, idle.joined(separator: ", ")),
                          own <= Self.samplerGoalPercent))
            lines.append(("timer's floor", String(format: "a thread that only wakes every 1 ms costs %.2f %% here (the timer and the scheduler: the platform's cost, not the sampler's)", bare), nil))
        } else if let sampler = cpu["1"] {
            lines.append(("sampler CPU (idle worker)", "\(idle.joined(separator: ", ")) of one core; goal ≤ 1 % at 1 ms", sampler - off <= Self.samplerGoalPercent))
        }
        if let settled = cpu["10"] {
            lines.append(("sampler CPU by default", String(format: "1 ms at first, backing off with the run's length (a thousandth of the time elapsed): 10 ms from 10 s on, where it costs %.2f %% (less %.2f %% without the sampler); goal ≤ 1 %%", settled, off),
                          settled - off <= Self.samplerGoalPercent))
        }
        return lines
    }

    func spikeTimes(_ spike: Spike) -> String {
        guard let touch = spike.touchMicros, let held = spike.heldAfterTouchMicros, let free = spike.freeMicros else { return "" }
        return String(format: "; touched in %.1f ms, freed %d µs after the last write (free took %.1f ms)",
                      Double(touch) / 1000, held, Double(free) / 1000)
    }

    public func kib(_ bytes: Int) -> String { Self.describeBytes(bytes) }

    /// "8 KiB" under a mebibyte, "1.0 MiB" from there on.
    public static func describeBytes(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? mebibytes(Double(bytes)) : "\(bytes / 1024) KiB"
    }

    func percent(_ value: Double) -> String { String(format: "%+.2f %%", value) }
}
