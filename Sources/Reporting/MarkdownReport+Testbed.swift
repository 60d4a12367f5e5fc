import BenchModel

extension MarkdownReport {
    /// "`ci-x86` (fingerprint 3f2a…c901; 2 online CPUs, 1 usable)": the testbed row of a
    /// report's environment and of a merged report's testbed table.
    public static func testbedLine(_ testbed: Testbed) -> String {
        let cpus = "\(testbed.fields["onlineCPUs"] ?? "?") online CPUs, \(testbed.fields["usableCPUs"] ?? "?") usable"
        return "`\(testbed.name)` (fingerprint `\(shortFingerprint(testbed.fingerprint))`; \(cpus))"
    }

    /// The first 12 hex digits: enough to tell testbeds apart in a table.
    public static func shortFingerprint(_ fingerprint: String) -> String { String(fingerprint.prefix(12)) }
}
