extension Jemalloc {
    /// jemalloc's arena cap (`opt.narenas`, an unsigned 32-bit value: 4 per CPU unless
    /// `MALLOC_CONF=narenas:N` says otherwise): what proves `--cores-like` from inside.
    static func readArenaCap(into identity: inout AllocatorIdentity) {
        guard let mallctl else { return }
        var value: UInt32 = 0
        var length = MemoryLayout<UInt32>.size
        guard mallctl("opt.narenas", &value, &length, nil, 0) == 0 else { return }
        identity.narenas = Int(value)
        identity.evidence.append("mallctl(\"opt.narenas\") = \(value)")
    }
}
