/// What the command line and the environment ask of the service. Bad input is one line on
/// stderr and exit 64 (main.swift), never a trap or a silent default.
struct ServiceOptions: Equatable {
    static let usage =
        "usage: hummingbird-service PORT [THREADS] (127.0.0.1:PORT; THREADS or env HB_THREADS,"
        + " default 16; env HB_CACHE_ENTRIES, default 16)"

    var port: Int
    /// 16 by default, so a 2-CPU machine runs with the threads (and glibc arenas) of a bigger one.
    var threads = 16
    var cacheEntries = 16

    struct InvalidOption: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(arguments: [String], environment: [String: String]) throws -> ServiceOptions {
        guard (1...2).contains(arguments.count) else {
            throw InvalidOption(description: "expected PORT [THREADS], got \(arguments.count) arguments")
        }
        var options = ServiceOptions(port: try number(arguments[0], name: "PORT", range: 1...65_535))
        if let threads = arguments.count > 1 ? arguments[1] : environment["HB_THREADS"] {
            options.threads = try number(threads, name: "THREADS", range: 1...1_024)
        }
        if let entries = environment["HB_CACHE_ENTRIES"] {
            options.cacheEntries = try number(entries, name: "HB_CACHE_ENTRIES", range: 1...10_000)
        }
        return options
    }

    private static func number(_ text: String, name: String, range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw InvalidOption(
                description: "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }
}
