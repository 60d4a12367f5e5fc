#if canImport(Glibc)
import Glibc
#endif

/// Writes jemalloc's heap profile at the end of every phase (`mallctl("prof.dump", path)`), in
/// profiling runs only (`--heap-profile DIR`): a dump allocates and takes milliseconds, so a
/// measured run never makes one. Files are `DIR/NN-PHASE.heap`, NN the phase's index, so
/// that a phase that repeats keeps each dump.
public final class HeapProfileDumper {
    public let directory: String
    private var count = 0
    /// The phases whose dump failed, to be reported (a missing profile must not pass silently).
    public private(set) var failures: [String] = []

    /// nil unless jemalloc serves malloc here with profiling on (`MALLOC_CONF=prof:true`).
    public init?(directory: String) {
        guard let mallctl = Jemalloc.mallctl else { return nil }
        var enabled = false
        var length = MemoryLayout<Bool>.size
        guard mallctl("opt.prof", &enabled, &length, nil, 0) == 0, enabled else { return nil }
        self.directory = directory
    }

    /// The file a phase's dump goes to.
    public static func fileName(index: Int, phase: String) -> String {
        (index < 10 ? "0" : "") + "\(index)-\(phase).heap"
    }

    func dump(phase: String) {
        let path = directory + "/" + Self.fileName(index: count, phase: phase)
        count += 1
        guard let mallctl = Jemalloc.mallctl else { failures.append(phase); return }
        let status = path.withCString { cPath -> Int32 in
            var pointer: UnsafePointer<CChar>? = cPath
            return mallctl("prof.dump", nil, nil, &pointer, MemoryLayout<UnsafePointer<CChar>?>.size)
        }
        if status != 0 { failures.append(phase) }
    }
}
