#if canImport(Glibc)
import Glibc
#endif
import Foundation
import BenchModel

/// A preloadable C library bench compiles itself at first use (`cc -shared -fPIC -O2 SOURCE -ldl`)
/// into the cache folder, once per source version: a library SwiftPM links carries the Swift
/// runtime and libstdc++, 3 MiB of RSS in every measured process; these need only libc and libdl.
public enum CachedCLibrary {
    public struct Unavailable: Error, Sendable {
        public var reason: String
        public init(reason: String) { self.reason = reason }
    }

    /// The library built from `source` (a file) into `cacheDirectory/folder`, built now if the
    /// cache lacks this version of the source; or why it cannot be had.
    public static func build(source: String?, fileName: String, folder: String, cacheDirectory: String,
                             environment: [String: String]) -> Result<String, Unavailable> {
        guard let source, let text = FileManager.default.contents(atPath: source) else {
            return .failure(Unavailable(reason: "the source of \(fileName) is missing from bench's resources"))
        }
        let directory = "\(cacheDirectory)/\(folder)"
        let library = "\(directory)/\(fnv1a(text))-\(fileName)"
        if FileManager.default.fileExists(atPath: library) { return .success(library) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return .failure(Unavailable(reason: "cannot create \(directory): \(error.localizedDescription)"))
        }
        let compilers = [environment["CC"], "cc", "gcc", "clang"].compactMap { $0 }.filter { !$0.isEmpty }
        guard let compiler = compilers.lazy.compactMap({ ExecutableSearch.find($0, path: environment["PATH"]) }).first else {
            return .failure(Unavailable(reason: "no C compiler (cc, gcc, clang or $CC) to build \(fileName)"))
        }
        let partial = "\(library).\(getpid()).tmp"
        var child = ChildProcess(executable: compiler, arguments: ["-shared", "-fPIC", "-O2", "-o", partial, source, "-ldl"],
                                 environment: environment, timeoutSeconds: 120)
        child.tickIntervalMs = 50
        guard let outcome = try? child.run(), outcome.termination == .exited(0), rename(partial, library) == 0 else {
            unlink(partial)
            return .failure(Unavailable(reason: "\(compiler) could not build \(fileName) from \(source)"))
        }
        return .success(library)
    }

    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}

/// The allocation counter (Counting/count.c), preloaded first by counted configurations.
public enum CountingLibrary {
    public static let fileName = "libbench-count.so"
    /// The variable naming the folder each process writes its counts into at exit (`bench exec`).
    public static let folderVariable = "MEMORYBENCH_COUNT_DIR"

    public static func prepare(cacheDirectory: String, environment: [String: String]) -> Result<String, CachedCLibrary.Unavailable> {
        CachedCLibrary.build(source: Bundle.module.path(forResource: "count", ofType: "c"), fileName: fileName,
                             folder: "counting", cacheDirectory: cacheDirectory, environment: environment)
    }
}
