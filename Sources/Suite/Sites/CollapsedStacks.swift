import BenchModel

/// Turns `jeprof --collapsed` output into the workload's stacks and sites.
///
/// The workload is found by module: a Swift symbol's mangled name starts with its module
/// (`$s9Scenarios…`). Frames from the process start to the worker's call of `Scenario.run`
/// (MemoryBench's own modules) are folded away, so the first frame is the scenario's; a stack
/// that passes through MemoryBench's modules after the workload's last frame (the recorder,
/// the sampler, the heap dump) is MemoryBench's own. A site is the call the workload's own code
/// made that led to the bytes (`FetchableRecord.fetchAll`), or the workload's own function when
/// it called the allocator itself.
public enum CollapsedStacks {
    /// MemoryBench's modules inside the worker.
    static let harnessModules: Set<String> = ["MemoryBenchWorker", "MemoryProbe", "MemoryBenchScenario"]
    /// The toolchain's modules: never a scenario (a specialised `UnsafeMutablePointer.allocate`
    /// inlined into the recorder is mangled in `Swift`).
    static let systemModules: Set<String> = ["Swift", "Foundation", "FoundationEssentials", "Dispatch", "_Concurrency", "Glibc"]
    /// Frames of the allocator and the Swift runtime's allocation entry points.
    static let allocatorFrames: Set<String> = [
        "malloc", "calloc", "realloc", "posix_memalign", "aligned_alloc", "memalign", "valloc", "strdup", "strndup",
        "operator new(unsigned long)", "operator new[](unsigned long)", "swift_slowAlloc", "swift_allocObject",
        "swift_allocBox", "swift_allocEmptyBox",
    ]
    /// Compiler glue that says nothing about the code: left out of sites and flame graphs.
    static let gluePrefixes = ["partial apply for ", "thunk for ", "reabstraction thunk", "protocol witness for ", "dispatch thunk of ", "merged "]
    /// The name the harness's own bytes (and the process start-up's) go under.
    public static let harnessFrame = "(MemoryBench's own and process start-up)"

    /// One frame: its raw (mangled) symbol, the module when it is a Swift symbol, and the
    /// readable name.
    public struct Frame: Equatable, Sendable {
        public var symbol: String
        public var module: String?
        public var name: String
    }

    /// A stack as jeprof printed it, root first.
    public struct RawStack: Equatable, Sendable {
        public var symbols: [String]
        public var bytes: Int
    }

    /// Parses `frame;frame;… bytes` lines; address suffixes (`<00000000003b1af0>`), symbol
    /// versions (`@@GLIBC_2.2.5`) and `[inline]` marks are dropped.
    public static func parse(_ text: String) -> [RawStack] {
        text.split(separator: "\n").compactMap { line in
            guard let space = line.lastIndex(of: " "), let bytes = Int(line[line.index(after: space)...]), bytes > 0 else { return nil }
            return RawStack(symbols: line[..<space].split(separator: ";").map { cleanSymbol(String($0)) }, bytes: bytes)
        }
    }

    static func cleanSymbol(_ symbol: String) -> String {
        var symbol = symbol
        // jeprof marks a frame inlined into its caller; the function is the same either way.
        if symbol.hasSuffix("[inline]") { symbol.removeLast("[inline]".count) }
        if symbol.hasSuffix(">"), let open = symbol.lastIndex(of: "<"),
           symbol[symbol.index(after: open)..<symbol.index(before: symbol.endIndex)].allSatisfy(\.isHexDigit) {
            symbol = String(symbol[..<open])
        }
        if let versioned = symbol.range(of: "@@") { symbol = String(symbol[..<versioned.lowerBound]) }
        return symbol
    }

    /// The module of a mangled Swift symbol (`$s9Scenarios…` → Scenarios; `$sS…`, `$ss…` → Swift), nil for a C symbol.
    public static func module(ofSymbol symbol: String) -> String? {
        guard symbol.hasPrefix("$s") else { return nil }
        let rest = symbol.dropFirst(2)
        let digits = rest.prefix(while: \.isNumber)
        guard let length = Int(digits), length > 0 else { return "Swift" }
        let name = rest.dropFirst(digits.count).prefix(length)
        return name.count == length ? String(name) : nil
    }

    /// The Swift symbols of the stacks, to be demangled in one go.
    public static func swiftSymbols(_ stacks: [RawStack]) -> [String] {
        Array(Set(stacks.flatMap(\.symbols).filter { $0.hasPrefix("$s") })).sorted()
    }

    /// A stack folded for the report: the workload's frames (glue left out) and its site, or
    /// nil when the bytes are MemoryBench's own.
    public static func workload(_ symbols: [String], names: [String: String]) -> (frames: [Frame], site: String)? {
        let frames = symbols.map { Frame(symbol: $0, module: module(ofSymbol: $0), name: names[$0] ?? $0) }
        // The workload starts at the first Swift frame of a module that is not MemoryBench's,
        // after a MemoryBench frame (the worker calling Scenario.run).
        guard let entry = frames.firstIndex(where: { $0.module.map { !harnessModules.contains($0) && !systemModules.contains($0) } ?? false }),
              frames[..<entry].contains(where: { harnessModules.contains($0.module ?? "") }),
              let workload = frames[entry].module else { return nil }
        let rest = Array(frames[entry...])
        // MemoryBench's code called from the workload's last frame: the recorder's bytes.
        let lastOfModule = rest.lastIndex { $0.module == workload } ?? 0
        if rest[lastOfModule...].contains(where: { harnessModules.contains($0.module ?? "") }) { return nil }
        var kept = rest.filter { !harnessModules.contains($0.module ?? "") && !isGlue($0.name) }
        while let last = kept.last, allocatorFrames.contains(last.name), kept.count > 1 { kept.removeLast() }
        return kept.isEmpty ? nil : (kept, site(in: rest, workload: workload))
    }

    static func isGlue(_ name: String) -> Bool { gluePrefixes.contains { name.hasPrefix($0) } }

    /// The site: the first call out of the workload's own code, or its own function when the
    /// allocator came next. Own code is the workload module's frames until the first one a
    /// library calls back through a protocol witness (`Order.init(from:)` decoded by GRDB's
    /// `fetchAll`): the bytes of a callback belong to the call that made it (`fetchAll`).
    static func site(in frames: [Frame], workload: String) -> String {
        // The entry may be reached through the Scenario.run witness: own code starts after it.
        let start = frames.firstIndex { !isGlue($0.name) } ?? 0
        var lastOwn = start
        for index in frames.indices where index > start {
            let previous = frames[index - 1].name
            if previous.hasPrefix("protocol witness for ") || previous.hasPrefix("dispatch thunk of ") { break }
            if frames[index].module == workload && !isGlue(frames[index].name) { lastOwn = index }
        }
        let callee = frames[(lastOwn + 1)...].first { !isGlue($0.name) && !harnessModules.contains($0.module ?? "") }
        guard let callee, !allocatorFrames.contains(callee.name) else { return frames[lastOwn].name }
        return callee.name
    }

    /// The stacks of one profile, folded, as (readable frames, bytes, site), the harness's
    /// bytes under `harnessFrame`.
    public static func fold(_ stacks: [RawStack], names: [String: String]) -> [(stack: FoldedStack, site: String)] {
        var merged: [[String]: (bytes: Int, site: String)] = [:]
        var order: [[String]] = []
        for stack in stacks {
            let found = workload(stack.symbols, names: names)
            let key = found?.frames.map(\.name) ?? [harnessFrame]
            let site = found?.site ?? harnessFrame
            if merged[key] == nil { order.append(key) }
            merged[key, default: (0, site)].bytes += stack.bytes
        }
        return order.compactMap { key in merged[key].map { (FoldedStack(frames: key, bytes: $0.bytes), $0.site) } }
    }

    /// The largest sites of a phase, largest first, each with the path of its heaviest stack.
    public static func sites(_ folded: [(stack: FoldedStack, site: String)], top: Int) -> [AllocationSite] {
        let total = folded.reduce(0) { $0 + $1.stack.bytes }
        guard total > 0 else { return [] }
        var bytes: [String: Int] = [:]
        var heaviest: [String: FoldedStack] = [:]
        for (stack, site) in folded {
            bytes[site, default: 0] += stack.bytes
            if stack.bytes > (heaviest[site]?.bytes ?? 0) { heaviest[site] = stack }
        }
        return bytes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(top).map { site, siteBytes in
            let frames = heaviest[site]?.frames ?? [site]
            let path = frames.firstIndex(of: site).map { Array(frames[...$0]) } ?? frames
            return AllocationSite(site: site, path: path, allocatingFrame: frames.last, bytes: siteBytes, share: Double(siteBytes) / Double(total))
        }
    }
}
