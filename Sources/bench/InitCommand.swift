import ArgumentParser
import Foundation
import BenchModel
import Suite

/// `bench init NAME`: a package's first memory benchmark, as package-benchmark's `init` scaffolds
/// its first benchmark: `MemoryBenchmarks/NAME/main.swift` with a two-variant `MemoryBenchmark`
/// that builds and runs as written, and the Package.swift lines that declare it.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Scaffold MemoryBenchmarks/NAME/main.swift (a two-variant MemoryBenchmark) in a package and print the Package.swift lines to add.",
        discussion: """
            Then: add the printed lines to Package.swift, and run
              swift build -c release --product NAME && bench all --worker .build/release/NAME
            or, with the plugin, swift package --allow-writing-to-package-directory memorybench all
            """)

    @Argument(help: "The benchmark target's name: a letter, then letters, digits, _ or - (e.g. CSVParse: its benchmark is csv-parse).")
    var name: String

    @Option(name: .customLong("package-path"), help: ArgumentHelp("The package's folder (default: the current one).", valueName: "dir"))
    var packagePath: String = "."

    func validate() throws {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }) else {
            throw ValidationError("'\(name)' is not a target name: use a letter, then letters, digits, _ or - (e.g. CSVParse)")
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

    /// The benchmark's name in reports: the target's name as written, with CamelCase words
    /// kebab-cased and lowercased (`CSVParse` → `csv-parse`, `csvParse` → `csv-parse`,
    /// `my-bench` and `my_bench` unchanged). Digits stay with the word before them
    /// (`Parse2Files` → `parse2-files`, `SHA256Hash` → `sha256-hash`).
    static func scenarioName(_ name: String) -> String {
        let characters = Array(name)
        var out = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let before = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                // A word starts at a capital after a lowercase letter or a digit (csvParse), or at
                // the last capital of a run that a lowercase letter follows (CSVParse).
                if before.isLowercase || before.isNumber || (before.isUppercase && nextIsLower) { out.append("-") }
            }
            out.append(contentsOf: character.lowercased())
        }
        return out
    }

    static func mainSwift(name: String) -> String {
        """
        import MemoryBenchWorker

        // Two ways to do one job, each measured phase by phase in fresh processes: join N generated
        // lines by collecting them all in an array first, or by appending each line as it is made.
        // Replace the variants' bodies (and the size and unit) with your own code.
        MemoryBenchWorker.main {
            MemoryBenchmark("\(scenarioName(name))", size: 200_000, unit: "lines", phases: ["work"],
                            // Without comparisons, two variants are plain alternatives (A against B).
                            comparisons: [.fix(pitfall: "collect-all", fix: "streaming")]) {
                Variant("collect-all", summary: "every line in a [String], then joined") { run in
                    // What a phase returns is kept alive until the release phase (after this closure), which drops it.
                    let text = try run.phase("work") {
                        (0..<run.size).map { "line \\($0): \\($0 &* 2_654_435_761 % 1_000_003)" }.joined(separator: "\\n")
                    }
                    // Recorded in the run's record, as a value both variants must match
                    // (informational: true for one that may differ, such as a timing).
                    run.check("utf8Count", text.utf8.count)
                }
                Variant("streaming", summary: "each line appended to the result as it is made") { run in
                    let text = try run.phase("work") {
                        var text = ""
                        for i in 0..<run.size {
                            if i > 0 { text += "\\n" }
                            text += "line \\(i): \\(i &* 2_654_435_761 % 1_000_003)"
                        }
                        return text
                    }
                    run.check("utf8Count", text.utf8.count)
                }
            }
        }

        """
    }
}
