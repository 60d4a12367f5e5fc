#if canImport(Glibc)
import Glibc
#endif
import MemoryProbe

/// Fault injection, for testing the harness: each variant fails the way real workloads do
/// (a signal, an abort, an error exit, memory growth past the cap, a hang, a broken result),
/// after a first phase that succeeds. Hidden: `bench all` skips it; `bench run fault` runs it.
public struct Fault: Scenario {
    public let name = "fault"
    public let summary = "Fault injection for testing the harness: crashes, aborts, error exits, runaway memory, hangs, broken results"
    public let sizeUnit = "MiB"
    /// `good` holds this much; `oom` grows up to this much (a bound, in case no cap stops it).
    public let defaultSize = 16
    public let quickSize = 8
    public let isHidden = true
    public let reportedPhases = ["work"]
    public let livePhase = "work"

    public let variants = [
        ScenarioVariant(name: "good", summary: "holds SIZE MiB in phase work, then frees it: a run that succeeds",
                        phases: ["setup", "work"]),
        ScenarioVariant(name: "crash", summary: "dies by SIGSEGV in phase work", phases: ["setup", "work"]),
        ScenarioVariant(name: "abort", summary: "calls abort() (SIGABRT) in phase work", phases: ["setup", "work"]),
        ScenarioVariant(name: "error", summary: "throws in phase work: the worker exits with status 1", phases: ["setup", "work"]),
        ScenarioVariant(name: "oom", summary: "touches 8 MiB more every few milliseconds in phase grow, up to SIZE MiB",
                        phases: ["setup", "grow"]),
        ScenarioVariant(name: "hang", summary: "sleeps forever in phase work", phases: ["setup", "work"]),
        ScenarioVariant(name: "garbage-output", summary: "writes text that is not a record to the result descriptor and exits 0",
                        phases: ["setup", "work"]),
    ]

    public let comparisons: [VariantComparison] = []

    public init() {}

    public func prepare(size: Int, cacheDirectory: String) throws {}

    public func run(variant: String, context: RunContext) throws {
        try context.phase("setup") { context.check("setup", 1) }
        switch variant {
        case "good":
            try context.phase("work") {
                let bytes = context.size << 20
                let block = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
                block.initializeMemory(as: UInt8.self, repeating: 1, count: bytes)
                context.check("touchedBytes", Int(block.load(fromByteOffset: bytes - 1, as: UInt8.self)) * bytes)
                block.deallocate()
            }
        case "crash":
            try context.phase("work") {
                // A store through a pointer into the unmapped first page: SIGSEGV, as a real bug would.
                let bad = UnsafeMutablePointer<Int>(bitPattern: 64)
                bad?.pointee = 1
            }
        case "abort":
            try context.phase("work") { abort() }
        case "error":
            try context.phase("work") { throw ScenarioCheckFailed("injected failure in phase work") }
        case "oom":
            try context.phase("grow") {
                let chunk = 8 << 20
                var held: [UnsafeMutableRawPointer] = []
                while held.count * chunk < context.size << 20 {
                    let block = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
                    block.initializeMemory(as: UInt8.self, repeating: 2, count: chunk)
                    held.append(block)
                    usleep(2_000)
                }
                context.check("heldBytes", held.count * chunk)
                held.forEach { $0.deallocate() }
            }
        case "hang":
            try context.phase("work") { while true { sleep(60) } }
        case "garbage-output":
            try context.phase("work") {}
            let text = "this is not a record {\n"
            _ = text.withCString { write(3, $0, strlen($0)) }
            exit(0)
        default:
            throw ScenarioCheckFailed("unknown variant \(variant)")
        }
    }
}
