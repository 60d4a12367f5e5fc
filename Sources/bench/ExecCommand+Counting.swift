import Foundation
import BenchModel
import Suite

extension ExecCommand {
    /// The allocation counter for counted configurations (`--count`, `NAME+count`), built into the
    /// cache folder at first use; nil when none is counted, or when it cannot be built (then the
    /// counted configurations are skipped with the reason, and a note says it now).
    static func countingLibrary(cacheDirectory: String, for allocators: [AllocatorConfiguration]) -> String? {
        guard allocators.contains(where: \.isCounted) else { return nil }
        switch CountingLibrary.prepare(cacheDirectory: cacheDirectory, environment: ProcessInfo.processInfo.environment) {
        case .success(let path): return path
        case .failure(let unavailable):
            FileHandle.standardError.write(Data("bench: note: counted configurations are skipped: the allocation counter cannot be built: \(unavailable.reason)\n".utf8))
            return nil
        }
    }
}
