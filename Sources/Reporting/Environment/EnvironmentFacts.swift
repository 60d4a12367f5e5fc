import Foundation
import BenchModel
import MemoryProbe

/// The machine facts that change memory figures, read once from `MachineFacts` with what is
/// unknown said so, for the three places that show them: the line under report.md's title,
/// report.md's "Environment" paragraph and details.md's table.
struct EnvironmentFacts {
    var environment: MachineFacts
    var elapsedSeconds: Double?

    init(_ environment: MachineFacts, elapsedSeconds: Double? = nil) {
        self.environment = environment
        self.elapsedSeconds = elapsedSeconds
    }

    static let unknown = "unknown"

    var kernel: String { "\(environment.kernel) (\(environment.architecture))" }
    var cpu: String? { environment.cpuModel }
    /// "2 cores", or "2 cores, arena caps of 32 CPUs (--cores-like 32)".
    var cores: String {
        "\(environment.cores) cores" + (environment.coresLike.map { ", arena caps of \($0) CPUs (--cores-like \($0))" } ?? "")
    }
    var memory: String? { environment.memoryBytes.map { mebibytes(Double($0)) } }
    var swap: String? { environment.swapTotalBytes.map { mebibytes(Double($0)) } }
    var hugePages: String { environment.transparentHugePages ?? Self.unknown }
    var hugePagesDefrag: String { environment.transparentHugePagesDefrag ?? Self.unknown }
    var overcommit: String { environment.overcommitMemory ?? Self.unknown }
    var glibc: String { environment.glibcVersion ?? Self.unknown }
    var swift: String { environment.swiftVersion ?? Self.unknown }
    var build: String { environment.buildConfiguration }
    /// Each jemalloc configuration's build, as its preflight proved it.
    var jemallocBuilds: [(configuration: String, version: String)] {
        environment.allocators.filter { $0.identity?.kind == .jemalloc }.map { ($0.configuration.name, $0.identity?.version ?? Self.unknown) }
    }

    /// "`bench all` · 2 cores · 23.5 GiB · Linux 6.18 · THP madvise · release build · 209 s".
    var headline: Markdown {
        var facts: [Markdown] = ["\(code: environment.commandLine)", environment.cores > 0 ? "\(cores)" : "cores unknown",
                                 "\(environment.memoryBytes.map { String(format: "%.1f GiB", Double($0) / 1_073_741_824) } ?? "memory unknown")",
                                 "\(environment.kernel)", "THP \(hugePages)", "\(build) build"]
        if let elapsedSeconds { facts.append("\(String(format: "%.0f s", elapsedSeconds))") }
        return .joined(facts, separator: " · ")
    }

    /// report.md's environment in one paragraph: one mention per jemalloc build (the preloaded
    /// and the linked one are usually the same).
    var paragraph: Markdown {
        var facts = [kernel, "\(cpu ?? "CPU unknown"), \(cores)", "memory \(memory ?? Self.unknown)", "swap \(swap ?? Self.unknown)",
                     "THP \(hugePages) (defrag \(hugePagesDefrag))", "overcommit \(overcommit)", "glibc \(glibc)"]
        facts += jemallocBuilds.map(\.version).uniqued().map { "jemalloc \($0)" }
        facts += ["Swift \(swift)", "\(build) build", "started \(environment.startedAt)"]
        return "\(facts.joined(separator: " · "))"
    }

    /// details.md's table: the testbed, every fact, each jemalloc build and the workers' digests.
    var rows: [[Markdown]] {
        var rows: [[Markdown]] = [
            ["Kernel", "\(kernel)"], ["CPU", "\(cpu ?? Self.unknown), \(cores)"], ["Memory", "\(memory ?? Self.unknown)"],
            ["Swap", "\(swap ?? Self.unknown)"], ["Transparent huge pages", "enabled: \(hugePages), defrag: \(hugePagesDefrag)"],
            ["Overcommit (vm.overcommit_memory)", "\(overcommit)"], ["glibc", "\(glibc)"],
        ]
        if let testbed = environment.testbed { rows.insert(["Testbed", Testbed.line(testbed)], at: 0) }
        rows += jemallocBuilds.map { ["jemalloc (\($0.configuration))", "\($0.version)"] }
        rows += [["Swift", "\(swift)"], ["Build", "\(build)"], ["Started", "\(environment.startedAt)"]]
        for worker in environment.workers ?? [] {
            rows.append([worker.ownWorker ? "Worker (own)" : "Worker", "\(code: worker.path) \(worker.sha256.map { "sha256 \($0)" } ?? "(no digest)")"])
        }
        return rows
    }
}
