import Foundation

/// `--allocators` and `--custom-allocator` resolved to configurations: the names in the order
/// given, each once (`default` stands for `AllocatorConfiguration.defaultNames`, `every` for
/// every built-in one, `NAME+count` for NAME's counted twin, a custom configuration's name for
/// it), then the custom configurations not named, then (`--count`) a counted twin of each.
public enum AllocatorSelection {
    public static let defaultWord = "default"
    public static let everyWord = "every"

    /// A name or spec that resolves to nothing: one line, for the command line's error.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public static func resolve(_ names: String, customSpecs: [String], counted: Bool,
                               builtIn: [AllocatorConfiguration] = AllocatorConfiguration.builtIn()) throws -> [AllocatorConfiguration] {
        let customs = try customConfigurations(customSpecs, builtIn: builtIn)
        var chosen: [AllocatorConfiguration] = []
        for word in names.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
            for name in expand(word, builtIn: builtIn) {
                chosen.append(try configuration(named: name, builtIn: builtIn, customs: customs))
            }
        }
        chosen += customs
        guard !chosen.isEmpty else { throw Invalid(description: "--allocators names no configuration") }
        if counted { chosen += chosen.map { $0.countedTwin() } }
        return chosen.uniqued()
    }

    /// `default` and `every` as the names they stand for.
    static func expand(_ word: String, builtIn: [AllocatorConfiguration]) -> [String] {
        switch word {
        case defaultWord: return AllocatorConfiguration.defaultNames
        case everyWord: return builtIn.map(\.name)
        default: return [word]
        }
    }

    /// A built-in or custom configuration by name, or its counted twin (`NAME+count`).
    static func configuration(named name: String, builtIn: [AllocatorConfiguration],
                              customs: [AllocatorConfiguration]) throws -> AllocatorConfiguration {
        let counted = AllocatorConfiguration.isCountedName(name)
        let baseName = counted ? String(name.dropLast(AllocatorConfiguration.countedSuffix.count)) : name
        guard let base = builtIn.first(where: { $0.name == baseName }) ?? customs.first(where: { $0.name == baseName }) else {
            throw Invalid(description: "unknown allocator configuration '\(name)'; known: \(builtIn.map(\.name).joined(separator: ", "))")
        }
        return counted ? base.countedTwin() : base
    }

    static func customConfigurations(_ specs: [String], builtIn: [AllocatorConfiguration]) throws -> [AllocatorConfiguration] {
        var customs: [AllocatorConfiguration] = []
        for spec in specs {
            let custom: AllocatorConfiguration
            do {
                custom = try CustomAllocatorSpec.parse(spec, builtIn: builtIn)
            } catch let invalid as CustomAllocatorSpec.Invalid {
                throw Invalid(description: invalid.description)
            }
            guard !customs.contains(where: { $0.name == custom.name }) else {
                throw Invalid(description: "--custom-allocator names '\(custom.name)' twice")
            }
            customs.append(custom)
        }
        return customs
    }
}
