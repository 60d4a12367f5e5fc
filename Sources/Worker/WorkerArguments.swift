/// The worker's command line, written by the runner (not by people), parsed without
/// dependencies: `run|prepare|identify|catalog` followed by `--key value` pairs.
struct WorkerArguments {
    var command: String
    var options: [String: String]
    /// `--param key=value`, repeatable: scenario-specific settings.
    var parameters: [String: String] = [:]

    init(_ arguments: [String]) throws {
        guard let command = arguments.first else { throw WorkerFailure.usage("missing command (run, prepare, identify, catalog)") }
        self.command = command
        var options: [String: String] = [:]
        var index = 1
        while index < arguments.count {
            let key = arguments[index]
            guard key.hasPrefix("--"), index + 1 < arguments.count else {
                throw WorkerFailure.usage("expected --key value, found \(key)")
            }
            let value = arguments[index + 1]
            if key == "--param" {
                guard let equals = value.firstIndex(of: "=") else { throw WorkerFailure.usage("--param takes key=value, not \(value)") }
                parameters[String(value[..<equals])] = String(value[value.index(after: equals)...])
            } else {
                options[String(key.dropFirst(2))] = value
            }
            index += 2
        }
        self.options = options
    }

    func string(_ key: String) throws -> String {
        guard let value = options[key] else { throw WorkerFailure.usage("missing --\(key)") }
        return value
    }

    func int(_ key: String) throws -> Int {
        guard let value = Int(try string(key)), value > 0 else { throw WorkerFailure.usage("--\(key) must be a positive integer") }
        return value
    }

    func double(_ key: String, default fallback: Double) throws -> Double {
        guard let text = options[key] else { return fallback }
        guard let value = Double(text), value > 0 else { throw WorkerFailure.usage("--\(key) must be a positive number") }
        return value
    }
}

enum WorkerFailure: Error, CustomStringConvertible {
    case usage(String)
    case environment(String)

    var description: String {
        switch self {
        case .usage(let message): return "usage: \(message)"
        case .environment(let message): return message
        }
    }

    var exitCode: Int32 {
        switch self {
        case .usage: return 64
        case .environment: return 70
        }
    }
}
