import BenchModel

extension Testbed {
    /// "`ci-x86` (fingerprint `3f2a…`; 2 online CPUs, 1 usable)": the testbed row of a report's
    /// environment and of a merged report's testbed table.
    static func line(_ testbed: Testbed) -> Markdown {
        let cpus = "\(testbed.fields["onlineCPUs"] ?? "?") online CPUs, \(testbed.fields["usableCPUs"] ?? "?") usable"
        return "\(code: testbed.name) (fingerprint \(code: shortFingerprint(testbed.fingerprint)); \(cpus))"
    }

    /// The first 12 hex digits: enough to tell testbeds apart in a table.
    static func shortFingerprint(_ fingerprint: String) -> String { String(fingerprint.prefix(12)) }
}
