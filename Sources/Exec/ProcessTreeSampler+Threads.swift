import Foundation
import MemoryProbe

extension ProcessTreeSampler {
    /// The thread names (`/proc/PID/task/TID/comm`) of the root now: how a background thread
    /// an allocator starts for itself (jemalloc's `jemalloc_bg_thd`) is seen from outside.
    public func rootThreadNames() -> [String] {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(root)/task") else { return [] }
        return tasks.compactMap { readWholeFile("/proc/\(root)/task/\($0)/comm")?.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
