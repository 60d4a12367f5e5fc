import Foundation

/// Reads a jemalloc heap profile with the tools made for it: `jeprof --collapsed --inuse_space`
/// (libjemalloc-dev) symbolises it against the worker binary into collapsed stacks of the bytes
/// in use at the dump, and `swift-demangle --simplified` names the Swift symbols. No
/// symbolisation or demangling of MemoryBench's own.
public struct HeapProfileSymbolizer: Sendable {
    public var jeprof: String
    public var demangler: String

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// Finds both tools on PATH (swift-demangle also beside `swift`).
    public static func find(path: String?) -> Result<HeapProfileSymbolizer, Unavailable> {
        guard let jeprof = ExecutableSearch.find("jeprof", path: path) else {
            return .failure(Unavailable(description: "--sites needs jeprof to read jemalloc's heap profiles, and it is not installed: apt-get install -y libjemalloc-dev"))
        }
        let beside = ExecutableSearch.find("swift", path: path).map {
            URL(fileURLWithPath: $0).resolvingSymlinksInPath().deletingLastPathComponent().path + "/swift-demangle"
        }
        guard let demangler = ExecutableSearch.find("swift-demangle", path: path)
                ?? beside.flatMap({ ExecutableSearch.find($0, path: nil) }) else {
            return .failure(Unavailable(description: "--sites needs swift-demangle (part of the Swift toolchain) to name Swift frames, and it is not on PATH"))
        }
        return .success(HeapProfileSymbolizer(jeprof: jeprof, demangler: demangler))
    }

    /// The profile's in-use bytes as collapsed stacks (`root;…;leaf bytes` lines), symbols as
    /// the binary has them (Swift's mangled).
    public func collapsedStacks(binary: String, profile: String) throws -> String {
        try Self.output(of: jeprof, ["--collapsed", "--inuse_space", binary, profile], what: "jeprof reading \(profile)")
    }

    /// Readable names of mangled Swift symbols, one `swift-demangle --simplified` for all.
    public func demangle(_ symbols: [String]) throws -> [String: String] {
        guard !symbols.isEmpty else { return [:] }
        let names = try Self.output(of: demangler, ["--simplified"], input: symbols.joined(separator: "\n") + "\n", what: "swift-demangle")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard names.count >= symbols.count else {
            throw Unavailable(description: "swift-demangle answered \(names.count) lines for \(symbols.count) symbols")
        }
        return Dictionary(zip(symbols, names), uniquingKeysWith: { first, _ in first })
    }

    /// Runs a tool to its end: its stdout, or an error with the last line of its stderr.
    static func output(of tool: String, _ arguments: [String], input: String? = nil, what: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("memorybench-sites-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = folder.appendingPathComponent("stderr"), inputFile = folder.appendingPathComponent("stdin")
        try Data((input ?? "").utf8).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8))?.split(separator: "\n").last.map(String.init) ?? ""
            throw Unavailable(description: "\(what) failed (exit \(process.terminationStatus)): \(message)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
