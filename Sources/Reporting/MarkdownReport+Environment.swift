import BenchModel

extension MarkdownReport {
    /// The main report's environment in one paragraph (what changes memory figures), then the
    /// command that reproduces the run; the table with the workers' digests is in the details
    /// file (`environment`).
    static func environmentSummary(_ report: Report) -> [String] {
        let env = report.environment
        var facts = ["\(env.kernel) (\(env.architecture))", "\(env.cpuModel ?? "CPU unknown"), \(env.cores) cores",
                     "memory \(env.memoryBytes.map { mebibytes(Double($0)) } ?? "unknown")",
                     "swap \(env.swapTotalBytes.map { mebibytes(Double($0)) } ?? "unknown")",
                     "THP \(env.transparentHugePages ?? "unknown") (defrag \(env.transparentHugePagesDefrag ?? "unknown"))",
                     "overcommit \(env.overcommitMemory ?? "unknown")", "glibc \(env.glibcVersion ?? "unknown")"]
        // One mention per jemalloc build (the preloaded and the linked one are usually the same).
        var versions: [String] = []
        for preflight in env.allocators where preflight.identity?.kind == .jemalloc {
            let version = preflight.identity?.version ?? "unknown"
            if !versions.contains(version) { versions.append(version) }
        }
        facts += versions.map { "jemalloc \($0)" }
        facts += ["Swift \(env.swiftVersion ?? "unknown")", "\(env.buildConfiguration) build", "started \(env.startedAt)"]
        return ["## Environment", "",
                facts.joined(separator: " · ") + ". The workers' paths and digests: [\(detailsFileName)](\(detailsFileName)#environment).", "",
                "## Reproduce", "", "```sh", env.commandLine, "```", ""]
    }
}
