#if canImport(Glibc)
import Glibc
#endif

/// Resource limits the worker sets on itself as it starts (`posix_spawn` cannot set them):
/// `--data-limit BYTES` becomes RLIMIT_DATA, the kernel's backstop behind the runner's RSS watch
/// (an allocation past it fails instead of growing the process), and core dumps are off (a
/// crashing benchmark worker must not spend seconds writing a core file).
enum WorkerLimits {
    static func apply(dataLimitBytes: Int?) throws {
        var core = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = getrlimit(coreResource, &core)
        core.rlim_cur = 0
        _ = setrlimit(coreResource, &core)
        guard let dataLimitBytes else { return }
        let bytes = UInt64(dataLimitBytes)
        var data = rlimit()
        guard getrlimit(dataResource, &data) == 0 else {
            throw WorkerFailure.environment("getrlimit(RLIMIT_DATA): \(String(cString: strerror(errno)))")
        }
        data.rlim_cur = min(rlim_t(bytes), data.rlim_max)
        guard setrlimit(dataResource, &data) == 0 else {
            throw WorkerFailure.environment("setrlimit(RLIMIT_DATA, \(bytes)): \(String(cString: strerror(errno)))")
        }
    }

    // Glibc imports RLIMIT_* as an enum; setrlimit takes its raw value.
    #if os(Linux)
    static let dataResource = __rlimit_resource_t(RLIMIT_DATA.rawValue)
    static let coreResource = __rlimit_resource_t(RLIMIT_CORE.rawValue)
    #endif
}
