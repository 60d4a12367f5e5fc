import MemoryProbe

/// Parses a user-defined configuration: `NAME ITEM…`, items separated by spaces:
///
/// - `preload=PATH`: an allocator library set as LD_PRELOAD and proved mapped;
/// - `base=CONFIG`: start from a built-in configuration (its environment, worker and proof);
/// - `KEY=VALUE`: an extra environment variable (names in capitals), e.g. `MALLOC_CONF=…`.
///
/// Example: `je-nodecay base=jemalloc-preload MALLOC_CONF=dirty_decay_ms:0,muzzy_decay_ms:0`.
public enum CustomAllocatorSpec {
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ spec: String, builtIn: [AllocatorConfiguration]) throws -> AllocatorConfiguration {
        let words = spec.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let name = words.first, !name.contains("=") else {
            throw Invalid(description: "allocator spec '\(spec)' must start with a name, e.g. 'je-nodecay base=jemalloc-preload MALLOC_CONF=dirty_decay_ms:0'")
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw Invalid(description: "allocator name '\(name)' may use letters, digits, '-', '_' and '.' only")
        }
        guard !builtIn.contains(where: { $0.name == name }) else {
            throw Invalid(description: "allocator name '\(name)' is built in; choose another name")
        }
        guard words.count > 1 else {
            throw Invalid(description: "allocator spec '\(spec)' sets nothing: add preload=PATH, base=CONFIG or KEY=VALUE")
        }
        var configuration = AllocatorConfiguration(name: name, summary: "custom: \(words.dropFirst().joined(separator: " "))",
                                                   expectedKind: .glibc)
        var base: AllocatorConfiguration?
        var extra: [String: String] = [:]
        var preload: String?
        for item in words.dropFirst() {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw Invalid(description: "allocator spec item '\(item)' is not KEY=VALUE")
            }
            let key = String(item[..<equals])
            let value = String(item[item.index(after: equals)...])
            switch key {
            case "preload":
                guard value.hasPrefix("/") else {
                    throw Invalid(description: "preload=\(value): give the library's absolute path")
                }
                preload = value
            case "base":
                guard let found = builtIn.first(where: { $0.name == value }) else {
                    throw Invalid(description: "base=\(value): no built-in allocator configuration of that name (see `bench list`)")
                }
                base = found
            default:
                guard key.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }), key.first?.isLetter == true else {
                    throw Invalid(description: "allocator spec item '\(item)': environment names are capitals, digits and '_'")
                }
                guard key != "LD_PRELOAD" else {
                    throw Invalid(description: "use preload=PATH rather than LD_PRELOAD=, so the library is checked")
                }
                extra[key] = value
            }
        }
        if let base {
            configuration.environment = base.environment
            configuration.worker = base.worker
            configuration.expectedKind = base.expectedKind
            configuration.arenaLimit = base.arenaLimit
            configuration.preloadLibrary = base.preloadLibrary
            configuration.package = base.package
            configuration.backgroundThread = base.backgroundThread
        }
        if let preload {
            configuration.preloadLibrary = preload
            configuration.environment["LD_PRELOAD"] = preload
            configuration.expectedKind = AllocatorKind.allCases.first { $0 != .glibc && preload.contains($0.rawValue) }
            configuration.package = nil
        }
        if let limit = extra["MALLOC_ARENA_MAX"], let value = Int(limit) { configuration.arenaLimit = value }
        configuration.environment.merge(extra) { _, new in new }
        if let conf = configuration.environment["MALLOC_CONF"], configuration.expectedKind == .jemalloc {
            configuration.backgroundThread = conf.contains("background_thread:true") ? true : nil
        }
        return configuration
    }
}
