/// The environment of a run folder that did not record one: every machine fact says unknown, so
/// a re-rendered report never borrows facts from the machine re-rendering it.
extension MachineFacts {
    public static var unknown: MachineFacts {
        MachineFacts(
            kernel: "unknown", architecture: "unknown", cpuModel: nil, cores: 0, memoryBytes: nil, transparentHugePages: nil,
            transparentHugePagesDefrag: nil, overcommitMemory: nil, swapTotalBytes: nil, glibcVersion: nil, swiftVersion: nil,
            buildConfiguration: "unknown", commandLine: "unknown (not recorded)", startedAt: "unknown", allocators: [])
    }
}
