import BenchModel

extension CollapsedStacks {
    /// The bytes the loader's calls of library constructors allocated, before the command ran.
    public static let nativeStartUpFrame = "(process start-up: library constructors)"
    /// The allocators of the interpreters `bench exec` names (CPython's, Ruby's): a site is
    /// the frame that called them, as with malloc.
    static let interpreterAllocatorFrames: Set<String> = [
        "PyObject_Malloc", "_PyObject_Malloc", "PyObject_Calloc", "_PyObject_Calloc", "PyObject_Realloc", "_PyObject_Realloc",
        "PyMem_Malloc", "PyMem_Calloc", "PyMem_Realloc", "PyMem_RawMalloc", "_PyMem_RawMalloc", "PyMem_RawCalloc",
        "_PyMem_RawCalloc", "PyMem_RawRealloc", "_PyMem_RawRealloc", "_PyMem_DebugRawAlloc", "pymalloc_alloc",
        "ruby_xmalloc", "ruby_xmalloc2", "ruby_xcalloc", "ruby_xrealloc", "ruby_xrealloc2", "objspace_xmalloc0",
        "objspace_xcalloc", "objspace_xrealloc", "ruby_xmalloc0",
    ]

    /// The stacks of a foreign command's profile (`bench exec --sites`), its native frames as
    /// they are: nothing is folded away (there is no harness inside the command) but the
    /// libraries' constructors, run by the loader before the command's own code (jemalloc's
    /// libstdc++ among them): one `nativeStartUpFrame` row. A site is the innermost frame
    /// above the allocator; Swift symbols are named by `names`.
    public static func foldNative(_ stacks: [RawStack], names: [String: String]) -> [(stack: FoldedStack, site: String)] {
        var merged: [[String]: Int] = [:]
        var order: [[String]] = []
        for stack in stacks {
            var frames = stack.symbols.map { names[$0] ?? $0 }.filter { !isGlue($0) }
            if frames.contains("_dl_init") { frames = [nativeStartUpFrame] }
            while let last = frames.last, allocatorFrames.contains(last) || interpreterAllocatorFrames.contains(last), frames.count > 1 {
                frames.removeLast()
            }
            guard !frames.isEmpty else { continue }
            if merged[frames] == nil { order.append(frames) }
            merged[frames, default: 0] += stack.bytes
        }
        return order.map { frames in (FoldedStack(frames: frames, bytes: merged[frames] ?? 0), frames[frames.count - 1]) }
    }
}
