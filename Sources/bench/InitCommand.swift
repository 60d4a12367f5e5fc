import ArgumentParser
import Foundation
import BenchModel
import Suite

/// `bench init NAME`: a package's first memory benchmark, as package-benchmark's `init` scaffolds
/// its first benchmark: `MemoryBenchmarks/NAME/main.swift` with a two-variant scenario that
/// builds and runs as written, and the Package.swift lines that declare it.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Scaffold MemoryBenchmarks/NAME/main.swift (a two-variant scenario) in a package and print the Package.swift lines to add.",
        discussion: """
            Then: add the printed lines to Package.swift, and run
              swift build -c release --product NAME && bench all --worker .build/release/NAME
            or, with the plugin, swift package --allow-writing-to-package-directory memorybench all
            """)

    @Argument(help: "The benchmark target's name: a letter, then letters, digits or _ (e.g. ParserMemory).")
    var name: String

    @Option(name: .customLong("package-path"), help: ArgumentHelp("The package's folder (default: the current one).", valueName: "dir"))
    var packagePath: String = "."

    func validate() throws {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }) else {
            throw ValidationError("'\(name)' is not a target name: use a letter, then letters, digits or _ (e.g. ParserMemory)")
        }
        guard FileManager.default.fileExists(atPath: "\(packagePath)/Package.swift") else {
            throw ValidationError("\(packagePath) has no Package.swift: run bench init in your package's folder or give --package-path")
        }
    }

    func run() throws {
        let folder = "\(packagePath)/MemoryBenchmarks/\(name)"
        let file = "\(folder)/main.swift"
        guard !FileManager.default.fileExists(atPath: file) else {
            throw ValidationError("\(file) exists already: choose another name")
        }
        try AtomicFile.makeDirectories(folder)
        try AtomicFile.write(Data(Self.mainSwift(name: name).utf8), to: file)
        print("Created \(file)")
        print("")
        print("Add to Package.swift (the dependency once, the target for each benchmark):")
        print("")
        print(Self.packageLines(name: name, memoryBench: Self.memoryBenchCheckout()))
    }

    /// The MemoryBench checkout this bench was built from (`<root>/.build/<config>/bench`), if
    /// it can be told.
    static func memoryBenchCheckout() -> String? {
        var url = URL(fileURLWithPath: WorkerLocator.defaultDirectory())
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Sources/MemoryBenchWorker").path) { return url.path }
        }
        return nil
    }

    static func packageLines(name: String, memoryBench: String?) -> String {
        let dependency = memoryBench.map { ".package(name: \"MemoryBench\", path: \"\($0)\")," }
            ?? ".package(url: \"https://github.com/OWNER/MemoryBench\", branch: \"main\"),"
        return """
              dependencies: [
                  \(dependency)
              ],
              targets: [
                  .executableTarget(
                      name: "\(name)",
                      dependencies: [.product(name: "MemoryBenchWorker", package: "MemoryBench")],
                      path: "MemoryBenchmarks/\(name)"),
              ]
            """
    }

    /// The scenario's name in reports: `ParserMemory` → `parser-memory`.
    static func scenarioName(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase, let last = out.last, last.isLowercase || last.isNumber { out.append("-") }
            out.append(character == "_" ? "-" : Character(character.lowercased()))
        }
        return out
    }

    static func mainSwift(name: String) -> String {
        """
        import MemoryBenchWorker

        /// A pitfall and its fix on the same work: join N generated lines into one report, by
        /// collecting every line in an array first, or by appending each line as it is made.
        /// Replace the bodies of the two variants with your own code.
        struct \(name): Scenario {
            let name = "\(scenarioName(name))"
            let summary = "Join N generated lines: collect them all in an array first, or append each as it is made"
            let sizeUnit = "lines"
            let defaultSize = 200_000
            let quickSize = 20_000
            let variants = [
                ScenarioVariant(name: "collect-all", summary: "every line in a [String], then joined", phases: ["setup", "work", "release"]),
                ScenarioVariant(name: "streaming", summary: "each line appended to the result as it is made", phases: ["setup", "work", "release"]),
            ]
            let comparisons = [VariantComparison(pitfall: "collect-all", fix: "streaming")]

            /// Inputs to make once per size, before any measured run (files under cacheDirectory).
            func prepare(size: Int, cacheDirectory: String) throws {}

            /// Each part of the work in a phase: MemoryBench reads the exact peak of every phase.
            func run(variant: String, context: RunContext) throws {
                var result = ""
                try context.phase("setup") { result.reserveCapacity(64) }
                try context.phase("work") {
                    switch variant {
                    case "collect-all":
                        var lines: [String] = []
                        for i in 0..<context.size { lines.append("line \\(i): \\(i &* 2_654_435_761 % 1_000_003)") }
                        result = lines.joined(separator: "\\n")
                    case "streaming":
                        for i in 0..<context.size {
                            if i > 0 { result += "\\n" }
                            result += "line \\(i): \\(i &* 2_654_435_761 % 1_000_003)"
                        }
                    default:
                        throw ScenarioCheckFailed("unknown variant \\(variant)")
                    }
                }
                // Proves both variants did the same work (and keeps the result alive until here).
                context.check("utf8Count", result.utf8.count)
                try context.phase("release") { result = "" }
            }
        }

        MemoryBenchWorker.main(scenarios: [\(name)()])

        """
    }
}
