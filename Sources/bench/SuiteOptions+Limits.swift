import ArgumentParser
import Foundation
import BenchModel
import Suite
import Exec
import Doctor

extension SuiteOptions {
    /// The RSS cap of every run: `--memory-limit`, or the machine-dependent default.
    func resolvedMemoryCap() throws -> Int {
        let machine = MemoryLimit.machineMemory()
        guard let text = memoryLimit else { return MemoryLimit.defaultBytes(total: machine.total, available: machine.available) }
        guard let bytes = MemoryLimit.parse(text) else {
            throw ValidationError("--memory-limit '\(text)' is not a size; write e.g. 2GiB, 512MiB or 1.5G")
        }
        guard bytes >= MemoryLimit.minimumBytes else {
            throw ValidationError("--memory-limit \(text) is below the \(MemoryLimit.format(MemoryLimit.minimumBytes)) minimum (a worker's own baseline is about 20 MiB)")
        }
        if let total = machine.total, bytes > total {
            throw ValidationError("--memory-limit \(text) is more than this machine's \(MemoryLimit.format(total)) of memory")
        }
        return bytes
    }

    /// A custom configuration whose preload library is missing is a typing mistake: say so now,
    /// not after the suite ran every one of its runs into a failure.
    func checkPreloadsExist(_ allocators: [AllocatorConfiguration]) throws {
        let builtIn = Set(AllocatorConfiguration.builtIn().map(\.name))
        for configuration in allocators where !builtIn.contains(configuration.name) && configuration.package == nil {
            if let library = configuration.preloadLibrary, !fileExists(library) {
                throw ValidationError("--custom-allocator \(configuration.name): preload library \(library) does not exist")
            }
        }
    }
}
